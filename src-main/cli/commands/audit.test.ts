import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salience as cli } from '../../../test/support/run-cli';
import { createExportStudy, present, type ExportStudy } from '../../export/testing/export-study';

let fixture: ExportStudy;
beforeAll(async () => {
  fixture = await createExportStudy();
  for (const format of ['csv', 'json', 'wfdb']) {
    const out = join(fixture.dir, `100x.${format}`);
    const result = await cli('export', '100x', '--study', fixture.study, '--format', format, '--out', out);
    expect(result.code).toBe(0);
  }
});
afterAll(() => fixture.remove());

interface Row {
  id: number;
  at: string;
  action: string;
}

/** Changes the study with raw SQL, as someone editing the file outside the app would; triggers dropped first. */
function tamper(sql: string): void {
  const db = new Database(fixture.study);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    db.exec(sql);
  } finally {
    db.close();
  }
}

function rows(): Row[] {
  const db = new Database(fixture.study, { readonly: true });
  try {
    return db.prepare('SELECT id, at, action FROM audit_log ORDER BY id').all() as Row[];
  } finally {
    db.close();
  }
}

describe('salience audit verify', () => {
  it('exits 0 with the row count when the chain is intact', async () => {
    expect(rows().map((r) => r.action)).toEqual(['import', 'export', 'export', 'export']);
    expect(await cli('audit', 'verify', '--study', fixture.study)).toEqual({
      code: 0,
      err: '',
      out: `${fixture.study}: 4 rows, chain intact\n`,
    });
    const json = await cli('audit', 'verify', '--study', fixture.study, '--json');
    expect(JSON.parse(json.out)).toEqual({ study: fixture.study, rows: 4, intact: true });
  });

  it('exits 1 naming the row whose contents were edited (its id, time and action)', async () => {
    const edited = present(rows()[2]);
    tamper(
      `UPDATE audit_log SET details = replace(details, '"deidentified":true', '"deidentified":false') WHERE id = ${edited.id}`,
    );
    const result = await cli('audit', 'verify', '--study', fixture.study);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      `salience: ${fixture.study}: the audit log's hash chain is broken at row ${edited.id} (${edited.at}, action 'export'): its contents do not match its hash; 2 rows before it verified intact\n`,
    );
  });

  it('names the row after a removed one, whose link no longer holds', async () => {
    const [removed, next] = [present(rows()[1]), present(rows()[2])];
    tamper(`DELETE FROM audit_log WHERE id = ${removed.id}`);
    const result = await cli('audit', 'verify', '--study', fixture.study, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      error: {
        kind: 'bad-input',
        message: `${fixture.study}: the audit log's hash chain is broken at row ${next.id} (${next.at}, action 'export'): its previous-hash link does not match the row before it; 1 row before it verified intact`,
      },
    });
  });

  it('is a usage error without the verify action', async () => {
    const result = await cli('audit', '--study', fixture.study);
    expect(result.code).toBe(2);
    expect(result.err).toBe("salience: expected 'verify' (see 'salience audit --help')\n");
  });
});
