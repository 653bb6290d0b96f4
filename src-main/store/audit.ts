import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { appVersion } from '../app/identity';

/**
 * The append-only audit trail: every change and export, hash-chained so that an edited or
 * removed row is detected. Rows are written in the same transaction as the change they record.
 */
export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  app_version: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

export function appendAudit(db: Database.Database, entry: AuditEntry, at: Date = new Date()): void {
  const previous = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as
    string | undefined;
  const row = {
    at: at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    details: JSON.stringify(entry.details),
    app_version: appVersion,
    prev_hash: previous ?? GENESIS,
  };
  db.prepare(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, details, app_version, prev_hash, hash)
     VALUES (:at, :actor, :action, :entity, :entity_id, :details, :app_version, :prev_hash, :hash)`,
  ).run({ ...row, hash: rowHash(row) });
}

/**
 * Inserts one row and its audit entry in one transaction, so the row never exists unaudited;
 * `entry` is given the new row's id. Returns that id.
 */
export function insertAudited(
  db: Database.Database,
  insert: { sql: string; values: readonly unknown[] },
  entry: (id: number) => AuditEntry,
  at: Date = new Date(),
): number {
  return db.transaction(() => {
    const id = Number(db.prepare(insert.sql).run(...insert.values).lastInsertRowid);
    appendAudit(db, entry(id), at);
    return id;
  })();
}

export type AuditVerdict =
  { ok: true; rows: number } | { ok: false; rows: number; brokenRowId: number; reason: string };

/** Walks the chain from the first row; reports the first row whose hash or link does not hold. */
export function verifyAudit(db: Database.Database): AuditVerdict {
  let previous = GENESIS;
  let rows = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    rows += 1;
    if (row.prev_hash !== previous) {
      return {
        ok: false,
        rows,
        brokenRowId: row.id,
        reason: 'its previous-hash link does not match the row before it',
      };
    }
    if (rowHash(row) !== row.hash) {
      return { ok: false, rows, brokenRowId: row.id, reason: 'its contents do not match its hash' };
    }
    previous = row.hash;
  }
  return { ok: true, rows };
}

function rowHash(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([
    row.prev_hash,
    row.at,
    row.actor,
    row.action,
    row.entity,
    row.entity_id,
    row.details,
    row.app_version,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
