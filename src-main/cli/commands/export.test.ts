import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salience as cli } from '../../../test/support/run-cli';
import { createExportStudy, PLANTED_NAME, type ExportStudy } from '../../export/testing/export-study';
import { openStudy } from '../../store';

let fixture: ExportStudy;
beforeAll(async () => {
  fixture = await createExportStudy();
});
afterAll(() => fixture.remove());

function auditRows(): number {
  const study = openStudy(fixture.study);
  try {
    return study.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  } finally {
    study.close();
  }
}

describe('salience export', () => {
  it('writes the file and prints one JSON object describing it; de-identified by default', async () => {
    const out = join(fixture.dir, 'beats.csv');
    const result = await cli('export', '100x', '--study', fixture.study, '--format', 'csv', '--out', out, '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(result.out)).toEqual({
      study: fixture.study,
      recordId: fixture.recordId,
      recordName: '100x',
      format: 'csv',
      out,
      count: 41,
      deidentified: true,
    });
    expect(readFileSync(out, 'utf8')).not.toContain(PLANTED_NAME);
  });

  it('keeps the notes with --identified, and says so', async () => {
    const out = join(fixture.dir, 'named.json');
    const args = ['--study', fixture.study, '--format', 'json', '--out', out, '--identified'];
    const result = await cli('export', String(fixture.recordId), ...args);
    expect(result).toEqual({
      code: 0,
      err: '',
      out: `exported 41 annotations of record 100x (id ${fixture.recordId}) as json to ${out} (identified)\n`,
    });
    expect(readFileSync(out, 'utf8')).toContain(PLANTED_NAME);
  });

  it('fails with exit 1 naming the missing folder, writing nothing and no audit row', async () => {
    const before = auditRows();
    const folder = join(fixture.dir, 'missing');
    const out = join(folder, 'x.atr');
    const result = await cli('export', '100x', '--study', fixture.study, '--format', 'wfdb', '--out', out, '--json');
    expect(result.code).toBe(1);
    expect(result.err).toBe(`salience: ${out}: the folder ${folder} does not exist\n`);
    expect(JSON.parse(result.out)).toEqual({
      error: { kind: 'not-found', message: `${out}: the folder ${folder} does not exist` },
    });
    expect(existsSync(folder)).toBe(false);
    expect(auditRows()).toBe(before);
  });

  it('fails with exit 1 for an unknown record, and exit 2 for an unknown format', async () => {
    const out = join(fixture.dir, 'never.csv');
    const unknown = await cli('export', 'nope', '--study', fixture.study, '--format', 'csv', '--out', out);
    expect(unknown).toEqual({ code: 1, out: '', err: "salience: no record 'nope' in this study\n" });
    const format = await cli('export', '100x', '--study', fixture.study, '--format', 'xml', '--out', out);
    expect(format.code).toBe(2);
    expect(format.err).toBe(
      "salience: --format: expected one of csv, json, wfdb, edf, got 'xml' (see 'salience export --help')\n",
    );
    expect(readdirSync(fixture.dir)).not.toContain('never.csv');
  });

  it('is listed in the help, with its options', async () => {
    expect((await cli('--help')).out).toMatch(/^ {2}export +export a record's annotations/m);
    const help = await cli('export', '--help');
    expect(help.out).toContain(
      'Usage: salience export ID --study S --format csv|json|wfdb|edf --out PATH [--identified] [--json]',
    );
  });
});
