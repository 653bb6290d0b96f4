import type { Migration } from './migration';

/**
 * Fitted amortised explainers (TimeX++): the explainer network trained once per model and training
 * set, stored as a plain ONNX model of its forward pass (window → saliency map) so that every
 * window of that model is explained by running it, with what made it (method, parameters, seed,
 * the model's id and hash) and the fit's metrics.
 */
export const fittedExplainers: Migration = {
  version: 8,
  name: 'fitted-explainers',
  sql: `
    CREATE TABLE fitted_explainers (
      id INTEGER PRIMARY KEY,
      model_id TEXT NOT NULL,
      model_sha256 TEXT NOT NULL CHECK (length(model_sha256) = 64),
      method TEXT NOT NULL,
      -- JSON: the parameters after defaults were applied.
      params TEXT NOT NULL,
      seed INTEGER NOT NULL,
      onnx BLOB NOT NULL CHECK (length(onnx) > 0),
      -- JSON: the fit's report (epochs, selected epoch, losses) and any evaluation.
      metrics TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE INDEX fitted_explainers_by_model ON fitted_explainers(model_sha256, method);
  `,
};
