import type Database from 'better-sqlite3';
import { appendAudit } from './audit';

/** The stored settings as JSON values by key; the service checks them against the API's schema. */
export function readSettingValues(db: Database.Database): Record<string, unknown> {
  const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings ORDER BY key').all();
  return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
}

/**
 * Writes the changed keys and one audit row naming each key's old and new value, in one
 * transaction. Keys whose value is unchanged are neither written nor audited.
 */
export function writeSettingValues(
  db: Database.Database,
  values: Readonly<Record<string, unknown>>,
  actor: string,
  at = new Date(),
): string[] {
  return db.transaction(() => {
    const before = readSettingValues(db);
    const changed = Object.keys(values).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(values[key]));
    if (changed.length === 0) return [];
    const upsert = db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    for (const key of changed) upsert.run(key, JSON.stringify(values[key]), at.toISOString(), actor);
    appendAudit(
      db,
      {
        actor,
        action: 'settings-update',
        entity: 'settings',
        entityId: null,
        details: Object.fromEntries(changed.map((key) => [key, { from: before[key] ?? null, to: values[key] }])),
      },
      at,
    );
    return changed;
  })();
}
