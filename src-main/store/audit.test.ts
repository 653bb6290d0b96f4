import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempStudy, type TempStudy } from '../../test/support/temp-study';
import { appendAudit, verifyAudit } from './audit';
import { openStudy, type Study } from './study';

let temp: TempStudy;
let study: Study;
beforeEach(() => {
  temp = createTempStudy([]);
  study = openStudy(temp.path);
  for (const label of ['N', 'V', 'A']) {
    appendAudit(study.db, {
      actor: 'analyst',
      action: 'annotate',
      entity: 'annotation',
      entityId: label,
      details: { label },
    });
  }
});
afterEach(() => {
  study.close();
  temp.remove();
});

describe('audit log', () => {
  it('chains every row to the one before it', () => {
    expect(verifyAudit(study.db)).toEqual({ ok: true, rows: 3 });
    const rows = study.db.prepare('SELECT prev_hash, hash FROM audit_log ORDER BY id').all() as {
      prev_hash: string;
      hash: string;
    }[];
    expect(rows[0]?.prev_hash).toMatch(/^0{64}$/);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.hash);
  });

  it('refuses updates and deletes', () => {
    expect(() => study.db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => study.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('names the first row whose contents were changed behind its back', () => {
    study.close();
    const raw = new Database(temp.path);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare(`UPDATE audit_log SET details = '{"label":"F"}' WHERE id = 2`).run();
    raw.close();
    study = openStudy(temp.path);
    expect(verifyAudit(study.db)).toEqual({
      ok: false,
      rows: 2,
      brokenRowId: 2,
      reason: 'its contents do not match its hash',
    });
  });
});
