import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { openCsvRecord } from './index';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../test/fixtures/csv/${name}`, import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'salience-csv-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function csvFile(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

function column(path: string, channel: number): number[] {
  const record = openCsvRecord(path);
  const values = Array.from(record.readSamples(channel, 0, record.frameCount));
  record.close();
  return values;
}

describe('CSV with a time column in seconds (seconds.csv)', () => {
  it('infers 250 Hz, takes units from (…) and […], and gives physical values with gain 1', () => {
    const record = openCsvRecord(fixture('seconds.csv'));
    expect(record.format).toBe('csv');
    expect(record.frameRateHz).toBe(250);
    expect(record.frameCount).toBe(6);
    expect(record.startTime).toBeNull();
    expect(record.channels.map((c) => [c.name, c.units, c.gain, c.baseline, c.samplingRateHz, c.sampleCount])).toEqual([
      ['ECG II', 'mV', 1, 0, 250, 6],
      ['Resp', 'Ohm', 1, 0, 250, 6],
      ['SpO2', '', 1, 0, 250, 6],
    ]);
    record.close();
  });

  it('reads empty and NaN cells as gaps, and exponents as numbers', () => {
    const path = fixture('seconds.csv');
    expect(column(path, 0)).toEqual([0.12, 0.15, NaN, 0.31, -0.05, -0.125]);
    expect(column(path, 1)).toEqual([512.5, 512.6, 512.7, 512.8, 512.9, 513.0]);
    expect(column(path, 2)).toEqual([97, 97, NaN, 98, 98, 98]);
  });
});

describe('CSV with ISO 8601 times (iso.csv)', () => {
  it('starts at the first time, infers 1 Hz and skips the trailing blank line', () => {
    const record = openCsvRecord(fixture('iso.csv'));
    expect(record.startTime).toBe('2101-03-04T10:00:00');
    expect(record.frameRateHz).toBe(1);
    expect(record.frameCount).toBe(4);
    expect(record.channels.map((c) => [c.name, c.units])).toEqual([
      ['HR', 'bpm'],
      ['ABP Mean', 'mmHg'],
    ]);
    expect(Array.from(record.readSamples(1, 0, 4))).toEqual([85.5, NaN, 86, 86.5]);
    record.close();
  });

  it('infers 250 Hz from millisecond ISO times that cross midnight', () => {
    const midnight = Date.UTC(2020, 0, 2);
    const rows = Array.from(
      { length: 500 },
      (_, i) => `${new Date(midnight - 1000 + 4 * i).toISOString().slice(0, 23)},${i}`,
    );
    const record = openCsvRecord(csvFile('iso-250.csv', `time,x\n${rows.join('\n')}\n`));
    expect(record.startTime).toBe('2020-01-01T23:59:59.000');
    expect(record.frameRateHz).toBe(250);
    expect(record.readSamples(0, 499, 1)[0]).toBe(499);
    record.close();
  });
});

describe('CSV details', () => {
  it('honours quotes: quoted numbers, doubled quotes, commas in a header (quoted.csv)', () => {
    const record = openCsvRecord(fixture('quoted.csv'));
    expect(record.channels.map((c) => [c.name, c.units])).toEqual([
      ['Lead "II"', 'mV'],
      ['Note, free', ''],
    ]);
    expect(record.frameRateHz).toBe(2);
    expect(Array.from(record.readSamples(0, 0, 3))).toEqual([1.5, -1.5, NaN]);
    record.close();
  });

  it('reads a [ms] time column with whole-millisecond rounding as 360 Hz (ms-rounded.csv)', () => {
    const record = openCsvRecord(fixture('ms-rounded.csv'));
    expect(record.frameRateHz).toBe(360);
    expect(record.frameCount).toBe(720);
    const values = record.readSamples(0, 600, 120);
    values.forEach((value, i) => expect(value).toBeCloseTo(((600 + i) % 50) / 100, 12));
    record.close();
  });

  it('reads windows across blocks of rows the same as the file says, channel after channel', () => {
    const rows = 10_000;
    const value = (row: number, channel: number): number => ((row * 7 + channel * 13) % 1000) / 8;
    const lines = Array.from({ length: rows }, (_, r) => `${r / 500},${value(r, 0)},${value(r, 1)}`);
    const record = openCsvRecord(csvFile('long.csv', `t,a,b\n${lines.join('\n')}`));
    expect(record.frameRateHz).toBe(500);
    for (const [start, count] of [
      [0, 1],
      [4000, 200],
      [8190, 1810],
      [123, 9000],
    ] as const) {
      for (const channel of [0, 1]) {
        const expected = Array.from({ length: count }, (_, i) => value(start + i, channel));
        expect(Array.from(record.readSamples(channel, start, count))).toEqual(expected);
      }
    }
    expect(() => record.readSamples(0, 9999, 2)).toThrow(AppError);
    record.close();
  });

  it('takes the sampling rate from the options and then reads uneven times as consecutive rows', () => {
    const path = csvFile('uneven.csv', 't,x\n0,1\n1,2\n4,3\n');
    expect(() => openCsvRecord(path)).toThrow(FormatError);
    const record = openCsvRecord(path, { samplingRateHz: 2 });
    expect([record.frameRateHz, record.frameCount]).toEqual([2, 3]);
    expect(Array.from(record.readSamples(0, 0, 3))).toEqual([1, 2, 3]);
    record.close();
    const backwards = openCsvRecord(csvFile('backwards.csv', 't,x\n0,1\n1,2\n0.5,3\n'), { samplingRateHz: 2 });
    expect(Array.from(backwards.readSamples(0, 0, 3))).toEqual([1, 2, 3]);
    backwards.close();
  });
});

describe('bad CSV input throws FormatError naming the line and column', () => {
  function failure(text: string): FormatError {
    const path = csvFile('bad.csv', text);
    try {
      openCsvRecord(path).close();
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      expect(error.message).toContain(path);
      return error;
    }
    throw new Error('opened without an error');
  }

  it('a non-numeric cell', () => {
    const error = failure('time (s),ECG (mV),Resp\n0,1,2\n0.5,1,2\n1.0,1,abc\n');
    expect(error.location).toEqual({ line: 4, column: 3 });
    expect(error.message).toMatch(/expected a number, an empty cell or NaN in column "Resp", found "abc"/);
  });

  it('a row with too few cells, and an unclosed quote', () => {
    expect(failure('t,a,b\n0,1,2\n1,1\n').location).toEqual({ line: 3, column: 3 });
    expect(failure('t,a\n0,"1\n').location).toEqual({ line: 2, column: 2 });
  });

  it('times that are not evenly spaced or go backwards', () => {
    expect(failure('t,a\n0,1\n1,1\n2,1\n4,1\n5,1\n').location).toEqual({ line: 5, column: 1 });
    expect(failure('t,a\n0,1\n1,1\n1,1\n').location).toEqual({ line: 4, column: 1 });
  });

  it('a time that is neither seconds nor ISO 8601, and a time unit it does not know', () => {
    expect(failure('t,a\nnoon,1\n').location).toEqual({ line: 2, column: 1 });
    expect(failure('t,a\n2020-01-01T00:00:00,1\n2020-02-30T00:00:01,1\n').location).toEqual({ line: 3, column: 1 });
    expect(failure('t (h),a\n0,1\n1,1\n').location).toEqual({ line: 1, column: 1 });
  });

  it('no header, no channel column, no data rows, one row without a rate', () => {
    expect(failure('').location).toEqual({ line: 1 });
    expect(failure('t\n0\n').location).toEqual({ line: 1 });
    expect(failure('t,a\n\n').location).toEqual({ line: 2 });
    expect(failure('t,a\n0,1\n').location).toEqual({ line: 2 });
  });

  it('a missing file is not-found', () => {
    expect(() => openCsvRecord(join(directory, 'absent.csv'))).toThrow(AppError);
  });
});
