import type { Migration } from './migration';

/**
 * The study's settings (execution provider, threads, default methods, display), one JSON value
 * per key. Changes are audited with their old and new values.
 */
export const settings: Migration = {
  version: 7,
  name: 'settings',
  sql: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
