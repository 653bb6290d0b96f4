import type { Migration } from './migration';

/**
 * Explanations of record windows: which model, method, parameters and seed made each saliency
 * map, over which samples and channels, so that reports and the compare view can show the
 * provenance beside the map. The map itself is float32 [T, F] in the model's input layout.
 */
export const explanations: Migration = {
  version: 5,
  name: 'explanations',
  sql: `
    CREATE TABLE explanations (
      id INTEGER PRIMARY KEY,
      record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
      model_id TEXT NOT NULL,
      model_sha256 TEXT NOT NULL CHECK (length(model_sha256) = 64),
      method TEXT NOT NULL,
      -- JSON: the parameters after defaults were applied.
      params TEXT NOT NULL,
      seed INTEGER NOT NULL,
      -- The class explained; NULL for regression models.
      target INTEGER,
      -- JSON array of the record's channel ids, in the order of the map's F axis.
      channel_ids TEXT NOT NULL,
      start_sample INTEGER NOT NULL CHECK (start_sample >= 0),
      sample_count INTEGER NOT NULL CHECK (sample_count > 0),
      window_length INTEGER NOT NULL CHECK (window_length > 0),
      feature_count INTEGER NOT NULL CHECK (feature_count > 0),
      scale TEXT NOT NULL CHECK (scale IN ('signed', 'non-negative', 'unit-mask')),
      saliency BLOB NOT NULL CHECK (length(saliency) = 4 * window_length * feature_count),
      -- JSON: steps, final losses, runtime, diagnostics.
      info TEXT NOT NULL,
      job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE INDEX explanations_by_record ON explanations(record_id, start_sample);
  `,
};
