import type { Migration } from './migration';

/**
 * Chunked sample storage with a min/max envelope pyramid per channel, the source file's
 * free text and import warnings, and the append-only, hash-chained audit log.
 */
export const signalsAndAudit: Migration = {
  version: 2,
  name: 'signals-audit',
  sql: `
    ALTER TABLE records ADD COLUMN info TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE records ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';

    CREATE TABLE signal_chunks (
      channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      chunk_index INTEGER NOT NULL CHECK (chunk_index >= 0),
      sample_count INTEGER NOT NULL CHECK (sample_count > 0),
      encoding TEXT NOT NULL CHECK (encoding IN ('i16', 'i32', 'f64')),
      data BLOB NOT NULL,
      PRIMARY KEY (channel_id, chunk_index)
    ) WITHOUT ROWID;

    CREATE TABLE envelopes (
      channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      level INTEGER NOT NULL CHECK (level >= 0),
      bin_size INTEGER NOT NULL CHECK (bin_size > 0),
      data BLOB NOT NULL,
      PRIMARY KEY (channel_id, level)
    ) WITHOUT ROWID;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT,
      details TEXT NOT NULL,
      app_version TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
};
