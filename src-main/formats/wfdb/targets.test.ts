/**
 * Every expected-output file of wfdb-python's test suite (written by the WFDB C tools 10.5.24),
 * reproduced as formats.md §2.2 says: digital values exactly, physical ones to 1e-8, NaN for '-'.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWfdbRecord, type WfdbRecord } from './index';
import { fixtures, readTarget, sameValue, sharedWfdb } from '../../../test/support/wfdb-samples';

type Output = 'digital' | 'physical';
/** How rdsamp shows a multi-rate record: one value per frame (mean, truncated), or high resolution (-H). */
type Rate = 'native' | 'frame-mean' | 'high-res';

interface TargetCase {
  target: string;
  header: string;
  /** Sample range in frames; `to` null means the end of the record. */
  from: number;
  to: number | null;
  signals: number[] | 'all';
  output: Output;
  rate?: Rate;
  /** The target's own stand-in for a missing value, if it has one. */
  invalidAs?: number;
  /** Leading rows that come from a signal file the sample data lacks. */
  absentData?: { file: string; rows: number };
}

const cases: TargetCase[] = [
  { target: 'record-1a', header: 'test01_00s.hea', from: 0, to: null, signals: 'all', output: 'digital' },
  { target: 'record-1b', header: 'a103l.hea', from: 12500, to: 40000, signals: [2, 0], output: 'physical' },
  { target: 'record-1c', header: 'a103l.hea', from: 20000, to: null, signals: [0, 1], output: 'digital' },
  { target: 'record-1d', header: '3000003_0003.hea', from: 125, to: 1000, signals: [1], output: 'physical' },
  { target: 'record-1f.gz', header: 'binformats.hea', from: 0, to: null, signals: 'all', output: 'digital' },
  { target: 'record-2b', header: '100.hea', from: 1, to: 10800, signals: [1], output: 'digital' },
  { target: 'record-2c', header: '100_3chan.hea', from: 0, to: null, signals: 'all', output: 'physical' },
  { target: 'record-2d', header: '310derive.hea', from: 2, to: null, signals: 'all', output: 'digital' },
  { target: 'record-2e', header: '311derive.hea', from: 1, to: 978, signals: [0], output: 'physical' },
  { target: 'record-3b', header: 's0010_re.hea', from: 5000, to: 38000, signals: [13, 0, 4, 8, 3], output: 'physical' },
  {
    target: 'record-4a',
    header: 'test01_00s_skewframe.hea',
    from: 0,
    to: null,
    signals: 'all',
    output: 'digital',
    rate: 'frame-mean',
  },
  {
    target: 'record-4b',
    header: '03700181.hea',
    from: 0,
    to: null,
    signals: 'all',
    output: 'digital',
    rate: 'frame-mean',
  },
  {
    target: 'record-4c',
    header: '03700181.hea',
    from: 1000,
    to: 16000,
    signals: [0, 2],
    output: 'physical',
    rate: 'frame-mean',
  },
  {
    target: 'record-4d',
    header: 'test01_00s_skewframe.hea',
    from: 0,
    to: null,
    signals: 'all',
    output: 'physical',
    rate: 'high-res',
  },
  {
    target: 'record-multi-fixed-c',
    header: 'multi-segment/fixed1/v102s.hea',
    from: 70000,
    to: 80000,
    signals: [1, 0, 3],
    output: 'physical',
  },
  {
    target: 'record-multi-fixed-d.gz',
    header: 'multi-segment/041s/041s.hea',
    from: 0,
    to: null,
    signals: [3, 2, 1],
    output: 'digital',
    rate: 'high-res',
    invalidAs: -2048, // the file was rewritten: rdsamp's -32768 for a missing sample became -2048
  },
  {
    target: 'record-multi-variable-a',
    header: 'multi-segment/s00001/s00001-2896-10-10-00-31.hea',
    from: 14428365,
    to: 14428375,
    signals: 'all',
    output: 'physical',
  },
  {
    target: 'record-multi-variable-b',
    header: 'multi-segment/s00001/s00001-2896-10-10-00-31.hea',
    from: 14428364,
    to: 14428375,
    signals: 'all',
    output: 'physical',
    // Row 0 is the last sample of segment 3975656_0011, whose .dat is not in the source snapshot.
    absentData: { file: 'multi-segment/s00001/3975656_0011.dat', rows: 1 },
  },
];

/** Where a case's files are: the fixtures when they hold the target and the record's data, else the shared folder. */
function locate(c: TargetCase): { header: string; target: string } | null {
  for (const base of [fixtures, sharedWfdb]) {
    const header = join(base, c.header);
    const target = join(base, 'target-output', c.target);
    if (existsSync(header) && existsSync(target) && dataPresent(header)) return { header, target };
  }
  return null;
}

function dataPresent(header: string): boolean {
  try {
    openWfdbRecord(header).close();
    return true;
  } catch {
    return false;
  }
}

/** The table rdsamp would print: one row per frame (or per high-resolution sample). */
function rdsamp(record: WfdbRecord, c: TargetCase): number[][] {
  const signals = c.signals === 'all' ? record.channels.map((_, i) => i) : c.signals;
  const to = c.to ?? record.frameCount;
  const frames = to - c.from;
  const rate = c.rate ?? 'native';
  const maxSpf = Math.max(...record.signals.map((s) => s.samplesPerFrame));
  const rowsPerFrame = rate === 'high-res' ? maxSpf : 1;
  const columns = signals.map((s) => {
    const spf = record.signals[s]?.samplesPerFrame ?? 1;
    const channel = record.channels[s];
    if (channel === undefined) throw new Error(`no signal ${s}`);
    const digital = record.readSamples(s, c.from * spf, frames * spf);
    const column = new Float64Array(frames * rowsPerFrame);
    for (let f = 0; f < frames; f++) {
      if (rate === 'frame-mean') {
        let sum = 0;
        for (let m = 0; m < spf; m++) sum += digital[f * spf + m] ?? NaN;
        column[f] = Math.trunc(sum / spf); // WFDB 10.5.24 truncates the mean toward zero
      } else if (rate === 'high-res') {
        // Lower-rate signals repeat each sample up to the highest rate (zero-order hold).
        for (let r = 0; r < rowsPerFrame; r++)
          column[f * rowsPerFrame + r] = digital[f * spf + Math.floor((r * spf) / maxSpf)] ?? NaN;
      } else {
        column[f] = digital[f] ?? NaN;
      }
    }
    if (c.output === 'physical') {
      for (let i = 0; i < column.length; i++) column[i] = ((column[i] ?? NaN) - channel.baseline) / channel.gain;
    }
    return column;
  });
  return Array.from({ length: frames * rowsPerFrame }, (_, row) => columns.map((column) => column[row] ?? NaN));
}

describe('WFDB C tool outputs (target-output/)', () => {
  for (const c of cases) {
    const where = locate(c);
    if (where === null)
      console.log(`skipped ${c.target}: ${c.header} or its data is absent from the fixtures and the shared folder`);
    it.skipIf(where === null)(
      `${c.target}: ${c.header} [${c.from}, ${c.to ?? 'end'}) ${c.output}${c.rate ? `, ${c.rate}` : ''}`,
      () => {
        if (where === null) return;
        let expected = readTarget(where.target).map((row) => row.map((v) => (v === c.invalidAs ? NaN : v)));
        const record = openWfdbRecord(where.header);
        try {
          let range = c;
          if (c.absentData !== undefined && !existsSync(join(sharedWfdb, c.absentData.file))) {
            console.log(
              `${c.target}: the first ${c.absentData.rows} rows need ${c.absentData.file}, which is absent; compared from the next row`,
            );
            expect(() => rdsamp(record, { ...c, to: c.from + 1 })).toThrow(basename(c.absentData.file));
            expected = expected.slice(c.absentData.rows);
            range = { ...c, from: c.from + c.absentData.rows };
          }
          const actual = rdsamp(record, range);
          expect(actual.length).toBe(expected.length);
          const tolerance = c.output === 'digital' ? 0 : 1e-8;
          const mismatches: string[] = [];
          expected.forEach((row, r) => {
            row.forEach((value, k) => {
              const ours = actual[r]?.[k] ?? NaN;
              if (!sameValue(ours, value, tolerance) && mismatches.length < 5)
                mismatches.push(`row ${r} column ${k}: ${ours} ≠ ${value}`);
            });
            if (row.length !== actual[r]?.length && mismatches.length < 5)
              mismatches.push(`row ${r} has ${actual[r]?.length} columns`);
          });
          expect(mismatches).toEqual([]);
        } finally {
          record.close();
        }
      },
    );
  }
});
