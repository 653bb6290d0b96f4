import type Database from 'better-sqlite3';
import { appendAudit } from '../store';
import type { WindowVerdict } from './output-reading';

/** One model's pass over one record: which windows it saw and where it ran. */
export interface PredictionRun {
  readonly modelId: string;
  readonly recordId: number;
  readonly modelSha256: string;
  /** The record's channels fed to the model, in the card's channel order. */
  readonly channelIds: readonly number[];
  readonly windowLength: number;
  readonly stride: number;
  readonly windowCount: number;
  readonly executionProvider: string;
  readonly predictedAt: string;
}

/** A run with how many windows fell in each class (by label index; 'none' for regression). */
export interface PredictionRunSummary extends PredictionRun {
  readonly labelCounts: Readonly<Record<string, number>>;
}

export interface WindowPrediction extends WindowVerdict {
  /** First sample of the window (the record's sample index). */
  readonly startSample: number;
  /** The model's raw output row. */
  readonly outputs: Float32Array;
}

interface RunRow {
  model_id: string;
  record_id: number;
  model_sha256: string;
  channel_ids: string;
  window_length: number;
  stride: number;
  window_count: number;
  execution_provider: string;
  predicted_at: string;
}

interface WindowRow {
  start_sample: number;
  label: number | null;
  score: number | null;
  outputs: Buffer;
}

/** Replaces a model's predictions for a record with a new run, and audits it, in one transaction. */
export function replacePredictions(
  db: Database.Database,
  run: PredictionRun,
  windows: readonly WindowPrediction[],
  actor: string,
): void {
  db.transaction(() => {
    db.prepare('DELETE FROM model_prediction_runs WHERE model_id = ? AND record_id = ?').run(run.modelId, run.recordId);
    db.prepare(
      `INSERT INTO model_prediction_runs (model_id, record_id, model_sha256, channel_ids, window_length, stride,
                                          window_count, execution_provider, predicted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      run.modelId,
      run.recordId,
      run.modelSha256,
      JSON.stringify(run.channelIds),
      run.windowLength,
      run.stride,
      run.windowCount,
      run.executionProvider,
      run.predictedAt,
    );
    const insert = db.prepare(
      'INSERT INTO model_predictions (model_id, record_id, start_sample, label, score, outputs) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const w of windows) {
      const outputs = Buffer.from(w.outputs.buffer, w.outputs.byteOffset, w.outputs.byteLength);
      insert.run(run.modelId, run.recordId, w.startSample, w.label, w.score, outputs);
    }
    appendAudit(db, {
      actor,
      action: 'predict',
      entity: 'record',
      entityId: String(run.recordId),
      details: {
        model: run.modelId,
        sha256: run.modelSha256,
        windows: run.windowCount,
        stride: run.stride,
        executionProvider: run.executionProvider,
      },
    });
  })();
}

/** The prediction runs stored for a record (for every record when none is given), by record and model id. */
export function listPredictionRuns(db: Database.Database, recordId?: number): PredictionRunSummary[] {
  const runs = db
    .prepare(
      `SELECT * FROM model_prediction_runs WHERE :record IS NULL OR record_id = :record ORDER BY record_id, model_id`,
    )
    .all({ record: recordId ?? null }) as RunRow[];
  const counts = db.prepare(
    `SELECT coalesce(CAST(label AS TEXT), 'none') AS label, count(*) AS n FROM model_predictions
     WHERE model_id = ? AND record_id = ? GROUP BY label ORDER BY label`,
  );
  return runs.map((row) => ({
    ...toRun(row),
    labelCounts: Object.fromEntries(
      (counts.all(row.model_id, row.record_id) as { label: string; n: number }[]).map((c) => [c.label, c.n]),
    ),
  }));
}

/** A model's per-window predictions over a record, in time order; optionally only windows starting in [from, to). */
export function readPredictions(
  db: Database.Database,
  modelId: string,
  recordId: number,
  range: { readonly from?: number; readonly to?: number } = {},
): WindowPrediction[] {
  const rows = db
    .prepare(
      `SELECT start_sample, label, score, outputs FROM model_predictions
       WHERE model_id = ? AND record_id = ? AND start_sample >= ? AND start_sample < ?
       ORDER BY start_sample`,
    )
    .all(modelId, recordId, range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER) as WindowRow[];
  return rows.map((row) => ({
    startSample: row.start_sample,
    label: row.label,
    score: row.score,
    // Copied so that the floats are aligned whatever the blob's offset in its buffer.
    outputs: new Float32Array(new Uint8Array(row.outputs).buffer),
  }));
}

function toRun(row: RunRow): PredictionRun {
  return {
    modelId: row.model_id,
    recordId: row.record_id,
    modelSha256: row.model_sha256,
    channelIds: JSON.parse(row.channel_ids) as number[],
    windowLength: row.window_length,
    stride: row.stride,
    windowCount: row.window_count,
    executionProvider: row.execution_provider,
    predictedAt: row.predicted_at,
  };
}
