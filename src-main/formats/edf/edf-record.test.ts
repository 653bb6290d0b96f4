import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { SourceChannel, SourceRecord } from '../record-source';
import { openEdfRecord } from './index';
import { fixture, readMatSingleMatrix, sharedData } from '../../../test/support/edf-samples';

const opened: SourceRecord[] = [];
function open(path: string): ReturnType<typeof openEdfRecord> {
  const record = openEdfRecord(path);
  opened.push(record);
  return record;
}
afterEach(() => {
  for (const record of opened.splice(0)) record.close();
});

function physical(channel: SourceChannel, digital: number): number {
  return (digital - channel.baseline) / channel.gain;
}

const generator = sharedData('edf/test_generator.edf');
const generator2 = sharedData('edf/test_generator_2.edf');
const generator2Header = sharedData('wfdb/test_generator_2.hea');

describe('test_generator.edf (pyedflib): EDF+C with structured patient and recording fields', () => {
  it.skipIf(generator === null)('has 11 channels of 600 one-second records at 200 Hz', () => {
    const record = open(generator ?? '');
    expect(record.format).toBe('edf');
    expect(record.channels).toHaveLength(11);
    expect(record.frameRateHz).toBe(200);
    expect(record.frameCount).toBe(120000);
    for (const channel of record.channels) {
      expect(channel.samplingRateHz).toBe(200);
      expect(channel.sampleCount).toBe(120000);
    }
    expect(record.channels.map((c) => c.name)).not.toContain('EDF Annotations');
  });

  it.skipIf(generator === null)('parses the EDF+ patient and recording subfields', () => {
    const record = open(generator ?? '');
    expect(record.patientId).toBe('abcxyz99');
    expect(record.edf.patient).toEqual({
      code: 'abcxyz99',
      sex: 'M',
      birthdate: '1969-06-30',
      name: 'Hans Muller',
      additional: 'patient',
    });
    expect(record.edf.recording).toMatchObject({
      startdate: '2011-04-04',
      adminCode: 'Dr. X',
      technician: 'Mr. Spotty',
      equipment: 'test generator',
    });
    expect(record.startTime).toBe('2011-04-04T12:57:02');
  });

  it.skipIf(generator === null)('turns the TALs into "Recording starts" at +0 and "Recording ends" at +600', () => {
    const record = open(generator ?? '');
    expect(record.annotations().map((a) => [a.sample, a.symbol, a.endSample])).toEqual([
      [0, 'Recording starts', null],
      [600 * 200, 'Recording ends', null],
    ]);
  });
});

describe('test_subsecond.edf (pyedflib): sub-second start and inverted physical range', () => {
  const path = fixture('test_subsecond.edf');
  const offsetS = 0.3945312;

  it('starts at 2020-01-24 04:05:56.394531, the header time plus the first time-keeping TAL', () => {
    const record = open(path);
    expect(record.startTime?.startsWith('2020-01-24T04:05:56.394531')).toBe(true);
  });

  it('has the 4 annotations, at their onsets after the header second less the sub-second start', () => {
    const record = open(path);
    const expected: [number, string][] = [
      [2.3457031, 'XLSpike'],
      [3.8867187, 'Clip Note'],
      [290.8964843, 'XLEvent'],
      [583.9667968, 'XLSpike'],
    ];
    expect(record.annotations().map((a) => [a.sample, a.symbol])).toEqual(
      expected.map(([onset, text]) => [Math.round((onset - offsetS) * 128), text]),
    );
  });

  it('maps digital to physical with pmin 8711 > pmax −8711 as the EDF formula does', () => {
    const record = open(path);
    const channel = record.channels[0] as SourceChannel;
    expect(channel.gain).toBeLessThan(0);
    for (const d of [-32768, -1, 0, 1234, 32767]) {
      const edf = 8711 + ((d + 32768) * (-8711 - 8711)) / (32767 + 32768);
      expect(physical(channel, d)).toBeCloseTo(edf, 9);
    }
  });
});

describe('test_edfann.edf (wfdb-python): annotation-only EDF+', () => {
  it('has no channels and 856 annotations, first and last as in the hypnogram', () => {
    const record = open(fixture('test_edfann.edf'));
    const annotations = record.annotations();
    expect(record.channels).toHaveLength(0);
    expect(annotations).toHaveLength(856);
    const rate = record.frameRateHz;
    expect(annotations[0]).toMatchObject({ sample: 0, endSample: 30 * rate, symbol: 'Sleep stage W' });
    expect(annotations.at(-1)).toMatchObject({
      sample: Math.round(25618.74 * rate),
      symbol: 'Lights on',
      aux: 'Lights on@@EEG Fpz-Cz',
      channel: null,
    });
  });
});

describe('test_generator.bdf (pyedflib): BDF+ with 24-bit samples', () => {
  const path = fixture('test_generator.bdf');

  it('has 5 channels at 1000/800/500/975/999 Hz over 30 records', () => {
    const record = open(path);
    expect(record.format).toBe('bdf');
    expect(record.channels.map((c) => c.samplingRateHz)).toEqual([1000, 800, 500, 975, 999]);
    expect(record.channels.map((c) => c.sampleCount)).toEqual([1000, 800, 500, 975, 999].map((n) => n * 30));
    for (const channel of record.channels) {
      expect(Number.isInteger(channel.samplingRateHz / record.frameRateHz)).toBe(true);
    }
  });

  it('decodes 24-bit little-endian two’s complement', () => {
    const record = open(path);
    const bytes = readFileSync(path);
    const headerBytes = 256 * 7;
    const recordBytes = 3 * (1000 + 800 + 500 + 975 + 999 + 38);
    const whiteNoiseOffset = 3 * (1000 + 800 + 500 + 975);
    const samples = record.readSamples(4, 999 * 7, 999);
    for (let i = 0; i < 999; i++) {
      expect(samples[i]).toBe(bytes.readIntLE(headerBytes + 7 * recordBytes + whiteNoiseOffset + 3 * i, 3));
    }
    expect(Math.min(...samples)).toBeLessThan(0);
  });

  it('reads any window the same as the whole channel', () => {
    const record = open(path);
    const whole = record.readSamples(3, 0, 975 * 30);
    expect(record.readSamples(3, 12345, 5000)).toEqual(whole.subarray(12345, 17345));
    expect(record.readSamples(3, 975 * 30 - 1, 1)).toEqual(whole.subarray(-1));
  });
});

describe('test_uneven_samp.edf (MNE): plain EDF with 100 Hz and 12.8 Hz', () => {
  const path = fixture('test_uneven_samp.edf');

  it('has the two rates, free-text identification and no patient code', () => {
    const record = open(path);
    expect(record.channels.map((c) => c.samplingRateHz)).toEqual([100, 12.8]);
    expect(record.edf.variant).toBe('plain');
    expect(record.patientId).toBeNull();
    expect(record.info[0]).toBe('A 3Hz sinewave and a 0.2Hz block signal, both starting in their positive phase');
  });

  it("gives the physical values of MNE's reference arrays", () => {
    const record = open(path);
    const reference = readMatSingleMatrix(fixture('test_uneven_samp.mat'));
    const rows = reference.rows;
    const upsampled = reference.columns / 110;
    record.channels.forEach((channel, index) => {
      const digital = record.readSamples(index, 0, channel.sampleCount);
      const repeat = upsampled / channel.samplingRateHz;
      for (let i = 0; i < digital.length; i++) {
        const expected = reference.data[i * repeat * rows + index] as number;
        expect(Math.abs(physical(channel, digital[i] as number) - expected)).toBeLessThan(1e-6);
      }
    });
  });
});

describe('test_edf_stim_channel.edf (MNE): non-integer record duration', () => {
  it('reads a 9.59375 s record of 1228 samples as 128 Hz', () => {
    const record = open(fixture('test_edf_stim_channel.edf'));
    expect(record.edf.recordDurationS).toBe(9.59375);
    expect(record.channels).toHaveLength(25);
    for (const channel of record.channels) expect(channel.samplingRateHz).toBe(128);
  });
});

describe('EDF/WFDB cross-check: test_generator_2 (formats.md §2.2 item 7)', () => {
  const available = generator2 !== null && generator2Header !== null;

  it.skipIf(!available)('gives the int16 samples of the .dat (the EDF from byte 3328), channel by channel', () => {
    const record = open(generator2 ?? '');
    const dat = readFileSync(generator2 ?? '').subarray(3328);
    const frameSamples = 11 * 200 + 51;
    record.channels.forEach((channel, index) => {
      const expected = new Float64Array(channel.sampleCount);
      for (let i = 0; i < expected.length; i++) {
        const frame = Math.floor(i / 200);
        expected[i] = dat.readInt16LE(2 * (frame * frameSamples + index * 200 + (i % 200)));
      }
      const digital = record.readSamples(index, 0, channel.sampleCount);
      expect(digital.findIndex((d, i) => d !== expected[i])).toBe(-1);
    });
  });

  it.skipIf(!available)("matches the WFDB header's gain, first values and checksums", () => {
    const record = open(generator2 ?? '');
    const signalLines = readFileSync(generator2Header ?? '', 'latin1')
      .trim()
      .split(/\r?\n/)
      .slice(1, 12);
    signalLines.forEach((line, index) => {
      const fields = line.split(/\s+/);
      const channel = record.channels[index] as SourceChannel;
      const digital = record.readSamples(index, 0, channel.sampleCount);
      const checksum = digital.reduce((sum, d) => (sum + d) & 0xffff, 0);
      expect(channel.gain).toBe(Number.parseFloat(fields[2] ?? ''));
      expect(digital[0]).toBe(Number(fields[5]));
      expect((checksum << 16) >> 16).toBe(Number(fields[6]));
    });
  });

  it.skipIf(!available)('differs from WFDB physical values (baseline 0) by +0.0153 µV', () => {
    const record = open(generator2 ?? '');
    const ecg = record.channels.findIndex((c) => c.name === 'ECG');
    const channel = record.channels[ecg] as SourceChannel;
    for (const d of record.readSamples(ecg, 1000, 50)) {
      expect(physical(channel, d) - d / 32.7675).toBeCloseTo(0.0153, 4);
    }
  });
});

describe('reading windows', () => {
  it('refuses windows outside a channel and reads after close', () => {
    const record = openEdfRecord(fixture('test_uneven_samp.edf'));
    expect(() => record.readSamples(1, 1400, 9)).toThrow(/No samples \[1400, 1409\)/);
    expect(() => record.readSamples(2, 0, 1)).toThrow(AppError);
    record.close();
    expect(() => record.readSamples(0, 0, 1)).toThrow(/closed/);
  });
});
