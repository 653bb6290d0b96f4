import type { Migration } from './migration';

/**
 * The study's model registry (an ONNX model with its card, embedded or referenced by path) and
 * the per-window predictions of a model over a record that the record browser shows. One run per
 * model and record: predicting again replaces the windows.
 */
export const models: Migration = {
  version: 4,
  name: 'models',
  sql: `
    CREATE TABLE models (
      id TEXT PRIMARY KEY,
      card TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      onnx BLOB,
      onnx_path TEXT,
      -- JSON {differentiable, forwardOnlyNodes: [{op, node}], unsupportedOpset?}: what the engine can do with it
      differentiability TEXT NOT NULL,
      registered_at TEXT NOT NULL,
      registered_by TEXT NOT NULL,
      CHECK ((onnx IS NULL) <> (onnx_path IS NULL))
    );

    CREATE TABLE model_prediction_runs (
      model_id TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
      record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
      model_sha256 TEXT NOT NULL,
      channel_ids TEXT NOT NULL,
      window_length INTEGER NOT NULL CHECK (window_length > 0),
      stride INTEGER NOT NULL CHECK (stride > 0),
      window_count INTEGER NOT NULL CHECK (window_count >= 0),
      execution_provider TEXT NOT NULL,
      predicted_at TEXT NOT NULL,
      PRIMARY KEY (model_id, record_id)
    ) WITHOUT ROWID;

    CREATE TABLE model_predictions (
      model_id TEXT NOT NULL,
      record_id INTEGER NOT NULL,
      start_sample INTEGER NOT NULL CHECK (start_sample >= 0),
      -- The predicted class (argmax; 1 when a risk is >= 0.5) and its probability; NULL for regression.
      label INTEGER,
      score REAL,
      -- The model's raw output row: K float32, little-endian.
      outputs BLOB NOT NULL,
      PRIMARY KEY (model_id, record_id, start_sample),
      FOREIGN KEY (model_id, record_id) REFERENCES model_prediction_runs(model_id, record_id) ON DELETE CASCADE
    ) WITHOUT ROWID;
  `,
};
