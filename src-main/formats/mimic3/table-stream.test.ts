import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError } from '../format-error';
import { streamTable } from './table-stream';

const badDir = fileURLToPath(new URL('../../../test/fixtures/mimic3/bad/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mimic3-table-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function failure(run: () => Promise<unknown>): Promise<FormatError> {
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FormatError);
  return error as FormatError;
}

describe('streamTable', () => {
  it('matches header names without regard to case and parses typed cells', async () => {
    const rows: [number, number | null, string | null][] = [];
    await streamTable(join(badDir, 'labevents-bad-CHARTTIME.csv'), ['ITEMID', 'VALUENUM', 'FLAG'], (row) => {
      rows.push([row.integer('ITEMID'), row.decimalOrNull('VALUENUM'), row.text('FLAG')]);
    });
    expect(rows).toEqual([
      [50983, 140, null],
      [50983, 141, null],
    ]);
  });

  it('names the file, the header line and the missing column', async () => {
    const file = join(badDir, 'ICUSTAYS-without-OUTTIME.csv');
    const error = await failure(() => streamTable(file, ['ICUSTAY_ID', 'INTIME', 'OUTTIME'], () => undefined));
    expect(error.file).toBe(file);
    expect(error.location).toEqual({ line: 1 });
    expect(error.message).toContain(`${file}:1: missing required column OUTTIME`);
    expect(error.message).toContain('ICUSTAY_ID, DBSOURCE');
  });

  it('names file, line (after a record spanning two lines) and column of a bad number', async () => {
    const file = join(badDir, 'CHARTEVENTS-bad-VALUENUM.csv');
    const error = await failure(() => streamTable(file, ['VALUENUM'], (row) => row.decimalOrNull('VALUENUM')));
    expect(error.location).toEqual({ line: 5, column: 10 });
    expect(error.message).toBe(`${file}:5:10: column 10 (VALUENUM): expected a number, found "9O"`);
  });

  it('rejects a date that does not exist', async () => {
    const file = join(badDir, 'labevents-bad-CHARTTIME.csv');
    const error = await failure(() => streamTable(file, ['CHARTTIME'], (row) => row.time('CHARTTIME')));
    expect(error.location).toEqual({ line: 3, column: 5 });
    expect(error.message).toContain('expected a time YYYY-MM-DD HH:MM:SS, found "2165-02-30 10:00:00"');
  });

  it('rejects an empty required cell, a row of the wrong width and an empty file', async () => {
    const file = join(scratch, 'rows.csv');
    writeFileSync(file, 'SUBJECT_ID,DOB\n,2100-01-01 00:00:00\n');
    const empty = await failure(() => streamTable(file, ['SUBJECT_ID'], (row) => row.integer('SUBJECT_ID')));
    expect(empty.message).toContain(':2:1: column 1 (SUBJECT_ID): expected an integer, found an empty cell');

    writeFileSync(file, 'SUBJECT_ID,DOB\n1,2100-01-01 00:00:00,extra\n');
    const wide = await failure(() => streamTable(file, ['SUBJECT_ID'], () => undefined));
    expect(wide.message).toContain(':2: 2 fields as in the header, found 3');

    writeFileSync(file, '');
    const nothing = await failure(() => streamTable(file, ['SUBJECT_ID'], () => undefined));
    expect(nothing.location).toEqual({ line: 1 });
  });
});
