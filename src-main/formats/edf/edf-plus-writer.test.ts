import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { SourceChannel } from '../record-source';
import { type EdfExportChannel, openEdfRecord, writeEdfPlus } from './index';
import { scratchDirectory } from '../../../test/support/edf-samples';

const directory = scratchDirectory();
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function channel(label: string, units: string, samplingRateHz: number, values: Float64Array): EdfExportChannel {
  return {
    label,
    units,
    samplingRateHz,
    sampleCount: values.length,
    read: (start, count) => values.slice(start, start + count),
  };
}

function sine(count: number, rateHz: number, amplitude: number, offset: number): Float64Array {
  return Float64Array.from(
    { length: count },
    (_, i) => offset + amplitude * Math.sin((2 * Math.PI * 1.3 * i) / rateHz),
  );
}

function physical(c: SourceChannel, digital: Float64Array): Float64Array {
  return digital.map((d) => (d - c.baseline) / c.gain);
}

describe('writeEdfPlus → openEdfRecord round trip', () => {
  const ecg = sine(625, 250, 1.2, 0.3);
  ecg[100] = Number.NaN;
  const resp = sine(125, 50, 300, 2000);
  const path = join(directory, 'round-trip.edf');
  writeEdfPlus(path, {
    startTime: '2024-03-05T10:20:30.25',
    patient: { code: 'MRN 123', sex: 'F', birthdate: '1950-12-01', name: 'Jöns Müller' },
    recording: { adminCode: 'A1', technician: null, equipment: 'Salience Workbench' },
    channels: [channel('ECG II', 'mV', 250, ecg), channel('Resp', 'Ohm', 50, resp)],
    annotations: [
      { onsetS: 0.5, durationS: 0.12, text: 'PVC', channelLabel: 'ECG II' },
      { onsetS: 2.1, durationS: null, text: 'Noise: lead off' },
      { onsetS: 1, durationS: 0, text: 'Ünïcode ✓' },
    ],
  });

  it('keeps the start time to the fraction of a second, and the identification', () => {
    const record = openEdfRecord(path);
    expect(record.edf.variant).toBe('continuous');
    expect(record.startTime).toBe('2024-03-05T10:20:30.25');
    expect(record.patientId).toBe('MRN 123');
    expect(record.edf.patient).toMatchObject({ sex: 'F', birthdate: '1950-12-01', name: 'Jons Muller' });
    expect(record.edf.recording).toMatchObject({ startdate: '2024-03-05', adminCode: 'A1', technician: null });
    expect(record.edf.recording?.equipment).toBe('Salience Workbench');
    record.close();
  });

  it('gives back every sample to within half a quantisation step, NaN as the physical minimum', () => {
    const record = openEdfRecord(path);
    expect(record.channels.map((c) => [c.name, c.units, c.samplingRateHz])).toEqual([
      ['ECG II', 'mV', 250],
      ['Resp', 'Ohm', 50],
    ]);
    [ecg, resp].forEach((original, index) => {
      const c = record.channels[index] as SourceChannel;
      const info = record.edf.signals[index];
      const step = ((info?.physicalMax ?? 0) - (info?.physicalMin ?? 0)) / 65535;
      const back = physical(c, record.readSamples(index, 0, original.length));
      original.forEach((value, i) => {
        const expected = Number.isNaN(value) ? (info?.physicalMin ?? 0) : value;
        expect(Math.abs((back[i] as number) - expected)).toBeLessThanOrEqual(step / 2 + 1e-12);
      });
      expect(c.sampleCount).toBe(Math.ceil(original.length / c.samplingRateHz) * c.samplingRateHz);
    });
    record.close();
  });

  it('gives back the annotations with durations, channel links and UTF-8 text', () => {
    const record = openEdfRecord(path);
    const rate = record.frameRateHz;
    expect(record.annotations().map((a) => [a.sample, a.endSample, a.symbol, a.channel, a.aux])).toEqual([
      [Math.round(0.5 * rate), Math.round(0.62 * rate), 'PVC', 0, 'PVC@@ECG II'],
      [rate, rate, 'Ünïcode ✓', null, 'Ünïcode ✓'],
      [Math.round(2.1 * rate), null, 'Noise: lead off', null, 'Noise: lead off'],
    ]);
    record.close();
  });
});

describe('writeEdfPlus choices', () => {
  it('writes "yy" for a year after 2084 and reads the year back from the recording field', () => {
    const path = join(directory, 'shifted-date.edf');
    writeEdfPlus(path, { startTime: '2150-06-01T08:00:00', channels: [channel('HR', 'bpm', 1, sine(10, 1, 5, 80))] });
    expect(readFileSync(path).toString('latin1', 168, 176)).toBe('01.06.yy');
    const record = openEdfRecord(path);
    expect(record.startTime).toBe('2150-06-01T08:00:00');
    record.close();
  });

  it('lengthens the data record until every rate has whole samples per record', () => {
    const path = join(directory, 'slow.edf');
    const channels = [
      channel('Temp', 'degC', 0.5, sine(6, 0.5, 1, 37)),
      channel('ECG', 'mV', 250, sine(3000, 250, 1, 0)),
    ];
    writeEdfPlus(path, { startTime: null, channels });
    const record = openEdfRecord(path);
    expect(record.edf.recordDurationS).toBe(2);
    expect(record.channels.map((c) => c.samplingRateHz)).toEqual([0.5, 250]);
    record.close();
  });

  it('refuses an export without channels or with a rate no record length fits', () => {
    expect(() => writeEdfPlus(join(directory, 'none.edf'), { startTime: null, channels: [] })).toThrow(AppError);
    const odd = [channel('X', 'mV', Math.PI, sine(10, Math.PI, 1, 0))];
    expect(() => writeEdfPlus(join(directory, 'odd.edf'), { startTime: null, channels: odd })).toThrow(/1–60 s/);
  });
});

describe('EDF+D: records at their time-keeping TALs', () => {
  const continuous = join(directory, 'continuous.edf');
  const values = Float64Array.from({ length: 500 }, (_, i) => (i % 100) + 10 * Math.floor(i / 100));
  writeEdfPlus(continuous, {
    startTime: '2024-01-01T00:00:00',
    channels: [{ ...channel('ECG', 'mV', 100, values), physicalRange: { min: -32768, max: 32767 } }],
  });

  /** The written EDF+C file with the time-keeping TALs of records 1–4 set to `onsets` (one digit each). */
  function restamped(reserved: string, onsets: readonly string[], name: string): string {
    const bytes = readFileSync(continuous);
    const annotationSamples = Number(bytes.toString('latin1', 256 + 216 * 2 + 8, 256 + 216 * 2 + 16));
    const recordBytes = 2 * (100 + annotationSamples);
    bytes.write(reserved, 192, 'latin1');
    onsets.forEach((onset, index) => {
      const at = 768 + (index + 1) * recordBytes + 200;
      expect(bytes.toString('latin1', at, at + 3)).toBe(`+${index + 1}\x14`);
      bytes.write(onset, at, 'latin1');
    });
    const path = join(directory, name);
    writeFileSync(path, bytes);
    return path;
  }
  const discontinuous = (): string => restamped('EDF+D', ['+3', '+4', '+6', '+7'], 'discontinuous.edf');

  it('places records 0, 3, 4, 6 and 7 s and reads the gaps as NaN', () => {
    const record = openEdfRecord(discontinuous());
    expect(record.edf.variant).toBe('discontinuous');
    expect(record.frameCount).toBe(800);
    const samples = record.readSamples(0, 0, 800);
    const starts = [0, 3, 4, 6, 7];
    for (let second = 0; second < 8; second++) {
      const source = starts.indexOf(second);
      const part = Array.from(samples.subarray(second * 100, (second + 1) * 100));
      expect(part).toEqual(
        source === -1
          ? Array.from({ length: 100 }, () => NaN)
          : Array.from(values.subarray(source * 100, (source + 1) * 100)),
      );
    }
    expect(Array.from(record.readSamples(0, 250, 100))).toEqual([
      ...Array.from({ length: 50 }, () => NaN),
      ...Array.from(values.subarray(100, 150)),
    ]);
    record.close();
  });

  it('refuses records that go back in time', () => {
    const bytes = readFileSync(discontinuous());
    const at = bytes.indexOf('+6\x14', 768, 'latin1');
    bytes.write('+2', at, 'latin1');
    const path = join(directory, 'backwards.edf');
    writeFileSync(path, bytes);
    expect(() => openEdfRecord(path)).toThrow(/record 3 to start after the end of the previous one/);
  });

  it('keeps EDF+C records back to back and warns about a stamp that disagrees', () => {
    const record = openEdfRecord(restamped('EDF+C', ['+1', '+5', '+3', '+4'], 'misstamped.edf'));
    expect(record.frameCount).toBe(500);
    expect(Array.from(record.readSamples(0, 200, 3))).toEqual(Array.from(values.subarray(200, 203)));
    expect(record.warnings).toEqual(['EDF+C data record 2 is stamped +5 s, not where continuous records put it.']);
    record.close();
  });
});
