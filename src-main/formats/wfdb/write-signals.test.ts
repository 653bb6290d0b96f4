import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  digitalToPhysical,
  openWfdbRecord,
  physicalToDigital,
  writeSignals,
  type WfdbRecord,
  type WrittenRecord,
} from './index';
import { fixtures } from '../../../test/support/wfdb-samples';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a record's files into a fresh folder and opens it. */
function save(written: WrittenRecord, name: string, dir = mkdtempSync(join(tmpdir(), 'wfdb-write-'))): WfdbRecord {
  if (!temps.includes(dir)) temps.push(dir);
  writeFileSync(join(dir, `${name}.hea`), written.header);
  writeFileSync(join(dir, written.datFileName), written.data);
  return openWfdbRecord(join(dir, `${name}.hea`));
}

function readAll(record: WfdbRecord): Float64Array[] {
  return record.channels.map((c, i) => record.readSamples(i, 0, c.sampleCount));
}

describe('writing signals', () => {
  it('round-trips test01_00s through format 16, with checksums the reader accepts', () => {
    const source = openWfdbRecord(join(fixtures, 'test01_00s.hea'));
    const samples = readAll(source);
    const written = writeSignals({
      recordName: 'copy',
      samplingFrequency: source.frameRateHz,
      format: 16,
      signals: source.channels.map((c, i) => ({
        name: c.name,
        units: c.units,
        gain: c.gain,
        baseline: c.baseline,
        samples: samples[i] ?? [],
      })),
      baseTime: { hours: 8, minutes: 5, seconds: 3, fraction: '250' },
      baseDate: { day: 2, month: 3, year: 2024 },
      info: ['<age>: 25  <sex>: M', 'exported'],
    });
    source.close();
    expect(written.header.split('\n').slice(0, 2)).toEqual([
      'copy 4 500 4000 08:05:03.250 02/03/2024',
      'copy.dat 16 100(0)/mV 16 0 10 114 0 ECG 1', // the same initial value and checksum as the original header
    ]);
    expect(written.data.equals(readFileSync(join(fixtures, 'test01_00s.dat')))).toBe(true);
    const copy = save(written, 'copy');
    try {
      expect(readAll(copy)).toEqual(samples);
      expect(copy.startTime).toBe('2024-03-02T08:05:03.250');
      expect(copy.info).toEqual(['<age>: 25  <sex>: M', 'exported']);
      expect(copy.verify()).toEqual([]);
    } finally {
      copy.close();
    }
  });

  it('round-trips 100_3chan through format 212 byte for byte (an odd number of samples)', () => {
    const source = openWfdbRecord(join(fixtures, '100_3chan.hea'));
    const samples = readAll(source);
    const written = writeSignals({
      recordName: '100_3chan',
      samplingFrequency: 360,
      format: 212,
      signals: source.channels.map((c, i) => ({
        name: c.name,
        units: c.units,
        gain: c.gain,
        baseline: c.baseline,
        adcZero: 1024,
        samples: samples[i] ?? [],
      })),
    });
    source.close();
    expect(written.data.length).toBe(4496);
    expect(written.data.equals(readFileSync(join(fixtures, '100_3chan.dat')))).toBe(true);
    const copy = save(written, '100_3chan');
    try {
      expect(readAll(copy)).toEqual(samples);
      expect(copy.signals.map((s) => [s.initValue, s.checksum])).toEqual([
        [995, 43172 - 65536],
        [1011, 63954 - 65536],
        [995, 43172 - 65536],
      ]);
      expect(copy.verify()).toEqual([]);
    } finally {
      copy.close();
    }
  });

  it.each([16, 212] as const)('writes several samples per frame, NaN, and clamps in format %i', (format) => {
    const top = format === 16 ? 32767 : 2047;
    const written = writeSignals({
      recordName: 'mixed',
      samplingFrequency: 125,
      format,
      signals: [
        {
          name: 'ECG lead II',
          units: 'mV',
          gain: 200,
          baseline: 0,
          samplesPerFrame: 4,
          samples: [1, 2, 3, 4, -5, NaN, 7, 8, 9, 10, 11, 12],
        },
        { name: 'ABP', units: 'mm Hg', gain: 12.84, baseline: -1605, samples: [100, 1e9, -1e9] },
      ],
    });
    expect(written.header.split('\n')[1]).toMatch(new RegExp(`^mixed\\.dat ${format}x4 200\\(0\\)/mV`));
    expect(written.header.split('\n')[2]).toMatch(/12\.84\(-1605\)\/mm_Hg .* ABP$/);
    const record = save(written, 'mixed');
    try {
      expect(record.channels.map((c) => [c.samplingRateHz, c.sampleCount])).toEqual([
        [500, 12],
        [125, 3],
      ]);
      expect([...record.readSamples(0, 0, 12)]).toEqual([1, 2, 3, 4, -5, NaN, 7, 8, 9, 10, 11, 12]);
      // Out-of-range values clamp to the format's range, short of the value that marks a gap.
      expect([...record.readSamples(1, 0, 3)]).toEqual([100, top, -top]);
      expect(record.verify()).toEqual([]);
    } finally {
      record.close();
    }
  });

  it('refuses inputs it cannot write', () => {
    const signal = { name: 'x', units: 'mV', gain: 200, baseline: 0, samples: [1, 2] };
    expect(() => writeSignals({ recordName: 'a b', samplingFrequency: 1, format: 16, signals: [signal] })).toThrow(
      AppError,
    );
    expect(() => writeSignals({ recordName: 'a', samplingFrequency: 0, format: 16, signals: [signal] })).toThrow(
      AppError,
    );
    expect(() =>
      writeSignals({
        recordName: 'a',
        samplingFrequency: 1,
        format: 16,
        signals: [signal, { ...signal, samples: [1] }],
      }),
    ).toThrow(/expected 2 samples/);
  });

  it('converts between physical and digital units as WFDB does', () => {
    expect([...physicalToDigital([-0.145, 0.0025, -0.0025, NaN], 200, 1024)]).toEqual([995, 1025, 1023, NaN]);
    expect([...digitalToPhysical([995, NaN], 200, 1024)]).toEqual([-0.145, NaN]);
    expect(digitalToPhysical([-160], 0.833333, -100)[0]).toBeCloseTo(-72.0000288, 7);
    expect(digitalToPhysical([400], 0, 0)[0]).toBe(2); // uncalibrated: gain 200
  });
});

describe('multi-segment records written here', () => {
  /** A variable-layout record: a layout, a segment with II and ABP, a gap, and one with V, II at another gain. */
  function variableLayout(): string {
    const dir = mkdtempSync(join(tmpdir(), 'wfdb-multi-'));
    temps.push(dir);
    const write = (written: WrittenRecord, name: string): void => {
      writeFileSync(join(dir, `${name}.hea`), written.header);
      writeFileSync(join(dir, written.datFileName), written.data);
    };
    write(
      writeSignals({
        recordName: 'seg1',
        samplingFrequency: 125,
        format: 16,
        signals: [
          { name: 'ABP', units: 'mmHg', gain: 0.833333, baseline: -100, samples: [-160, -140, NaN] },
          { name: 'II', units: 'mV', gain: 100, baseline: 0, samples: [10, 20, 30] },
        ],
      }),
      'seg1',
    );
    write(
      writeSignals({
        recordName: 'seg2',
        samplingFrequency: 125,
        format: 212,
        signals: [
          { name: 'V', units: 'mV', gain: 55, baseline: 0, samples: [1, 2] },
          { name: 'II', units: 'mV', gain: 50, baseline: 5, samples: [6, 7] },
        ],
      }),
      'seg2',
    );
    writeFileSync(
      join(dir, 'layout.hea'),
      'layout 3 125 0\n~ 0 100/mV 12 0 0 0 0 II\n~ 0 55/mV 12 0 0 0 0 V\n~ 0 1/mmHg 12 0 0 0 0 ABP\n',
    );
    writeFileSync(join(dir, 'rec.hea'), 'rec/4 3 125 7 10:00:00 01/01/2020\nlayout 0\nseg1 3\n~ 2\nseg2 2\n# a note\n');
    return join(dir, 'rec.hea');
  }

  it('maps each segment’s signals to the layout by name, rescaled as sigmap does, NaN where absent', () => {
    const record = openWfdbRecord(variableLayout());
    try {
      expect(record.frameCount).toBe(7);
      expect(record.channels.map((c) => [c.name, c.gain, c.baseline, c.sampleCount])).toEqual([
        ['II', 100, 0, 7],
        ['V', 55, 0, 7],
        ['ABP', 1, 0, 7],
      ]);
      expect(record.startTime).toBe('2020-01-01T10:00:00');
      expect(record.info).toEqual(['a note']);
      // II in seg2 has gain 50, baseline 5: (6 − 5) × 100/50 = 2.
      expect([...record.readSamples(0, 0, 7)]).toEqual([10, 20, 30, NaN, NaN, 2, 4]);
      expect([...record.readSamples(1, 0, 7)]).toEqual([NaN, NaN, NaN, NaN, NaN, 1, 2]);
      // ABP: trunc(−160 × 1/0.833333 + 120.00005) = −72, as the WFDB library gives.
      expect([...record.readSamples(2, 0, 7)]).toEqual([-72, -48, NaN, NaN, NaN, NaN, NaN]);
      // A window across the segment boundaries.
      expect([...record.readSamples(0, 2, 4)]).toEqual([30, NaN, NaN, 2]);
      expect(record.verify()).toEqual([]);
    } finally {
      record.close();
    }
  });

  it('names the segment header that is missing', () => {
    const path = variableLayout();
    rmSync(join(path, '..', 'seg2.hea'));
    expect(() => openWfdbRecord(path)).toThrow(
      /rec\.hea:5: expected the segment header seg2\.hea next to the record header/,
    );
  });
});
