import type { Migration } from './migration';

/**
 * The persisted job queue: one row per job with its latest run's status and timings, the
 * checkpoints a resumed run starts from, and the per-channel statistics that
 * `record-statistics` jobs produce. A job's result is set exactly when it succeeded, so a
 * run stopped half-way never looks complete.
 */
export const jobs: Migration = {
  version: 3,
  name: 'jobs',
  sql: `
    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      params TEXT NOT NULL,
      seed INTEGER NOT NULL,
      status TEXT NOT NULL
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
      fraction REAL NOT NULL DEFAULT 0 CHECK (fraction BETWEEN 0 AND 1),
      phase TEXT NOT NULL DEFAULT '',
      attempts INTEGER NOT NULL DEFAULT 0,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      started_at TEXT,
      finished_at TEXT,
      runner TEXT,
      error TEXT,
      result TEXT,
      CHECK ((status = 'succeeded') = (result IS NOT NULL))
    );
    CREATE INDEX jobs_by_status ON jobs (status);

    CREATE TABLE job_checkpoints (
      job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      saved_at TEXT NOT NULL,
      PRIMARY KEY (job_id, key)
    ) WITHOUT ROWID;

    CREATE TABLE channel_statistics (
      job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      sample_count INTEGER NOT NULL CHECK (sample_count >= 0),
      nan_count INTEGER NOT NULL CHECK (nan_count >= 0),
      mean REAL,
      std REAL,
      min REAL,
      max REAL,
      PRIMARY KEY (job_id, channel_id)
    ) WITHOUT ROWID;
  `,
};
