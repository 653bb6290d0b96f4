import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError } from '../format-error';
import { forEachCsvRecord, splitCsvRecord, type CsvRecord } from './csv-records';

const scratch = mkdtempSync(join(tmpdir(), 'mimic3-csv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function records(file: string): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  await forEachCsvRecord(file, (record) => all.push(record));
  return all;
}

describe('splitCsvRecord', () => {
  it('splits plain and quoted fields, with commas and doubled quotes inside quotes', () => {
    expect(splitCsvRecord('1,,abc', 'f.csv', 1)).toEqual(['1', '', 'abc']);
    expect(splitCsvRecord('"a,b",2,"say ""hi""",""', 'f.csv', 1)).toEqual(['a,b', '2', 'say "hi"', '']);
    expect(splitCsvRecord('x,"line one\nline two",y', 'f.csv', 1)).toEqual(['x', 'line one\nline two', 'y']);
  });

  it('asks for more text while a quoted field is open', () => {
    expect(splitCsvRecord('1,"open, still', 'f.csv', 1)).toBeNull();
  });

  it('rejects text after a closing quote and quotes inside a bare field, naming line and column', () => {
    expect(() => splitCsvRecord('1,"ab"c,2', 'f.csv', 7)).toThrow('f.csv:7:7: a comma or the end of the line');
    expect(() => splitCsvRecord('"x\ny",ab"c', 'f.csv', 3)).toThrow('f.csv:4:6: a quote only at the start');
  });
});

describe('forEachCsvRecord', () => {
  const text = '"A","B"\r\n1,"two\r\nlines"\r\n\r\n3,"x, y"\r\n';

  it('reads CRLF files with a record spanning lines and skips blank lines', async () => {
    const file = join(scratch, 'plain.csv');
    writeFileSync(file, text);
    expect(await records(file)).toEqual([
      { fields: ['A', 'B'], line: 1 },
      { fields: ['1', 'two\nlines'], line: 2 },
      { fields: ['3', 'x, y'], line: 5 },
    ]);
  });

  it('reads the same records from a gzip file, whatever its name', async () => {
    const file = join(scratch, 'compressed.csv');
    writeFileSync(file, gzipSync(text));
    expect((await records(file)).map((r) => r.fields)).toEqual([
      ['A', 'B'],
      ['1', 'two\nlines'],
      ['3', 'x, y'],
    ]);
  });

  it('reports a quote left open at the end of the file at the line where it opened', async () => {
    const file = join(scratch, 'open.csv');
    writeFileSync(file, 'A,B\n1,"never\nclosed\n');
    const error = await records(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ location: { line: 2 } });
  });

  it('reports a truncated gzip stream as bad input', async () => {
    const file = join(scratch, 'truncated.csv.gz');
    const compressed = gzipSync(text.repeat(200));
    writeFileSync(file, compressed.subarray(0, compressed.length - 20));
    const error = await records(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).message).toContain('gzip');
  });
});
