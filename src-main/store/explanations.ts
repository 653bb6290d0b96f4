import type Database from 'better-sqlite3';
import { appendAudit, insertAudited } from './audit';

export type StoredSaliencyScale = 'signed' | 'non-negative' | 'unit-mask';

/** An explanation of one record window, as stored: the map and everything needed to reproduce it. */
export interface NewExplanation {
  readonly recordId: number;
  readonly modelId: string;
  readonly modelSha256: string;
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly target: number | null;
  /** The record's channels along the map's F axis. */
  readonly channelIds: readonly number[];
  readonly startSample: number;
  /** The window's length in record samples. */
  readonly sampleCount: number;
  readonly scale: StoredSaliencyScale;
  /** [T, F] row-major; T = windowLength. */
  readonly saliency: Float32Array;
  readonly windowLength: number;
  readonly info: Readonly<Record<string, unknown>>;
  readonly jobId: number | null;
}

export interface ExplanationSummary extends Omit<NewExplanation, 'saliency'> {
  readonly id: number;
  readonly featureCount: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface StoredExplanation extends ExplanationSummary {
  readonly saliency: Float32Array<ArrayBuffer>;
}

interface ExplanationRow {
  id: number;
  record_id: number;
  model_id: string;
  model_sha256: string;
  method: string;
  params: string;
  seed: number;
  target: number | null;
  channel_ids: string;
  start_sample: number;
  sample_count: number;
  window_length: number;
  feature_count: number;
  scale: StoredSaliencyScale;
  info: string;
  job_id: number | null;
  created_at: string;
  created_by: string;
  saliency?: Buffer;
}

const SUMMARY_COLUMNS = `id, record_id, model_id, model_sha256, method, params, seed, target, channel_ids, start_sample,
  sample_count, window_length, feature_count, scale, info, job_id, created_at, created_by`;

/** Stores an explanation and audits it in one transaction; returns its id. */
export function insertExplanation(db: Database.Database, e: NewExplanation, actor: string, at = new Date()): number {
  const featureCount = e.channelIds.length;
  if (featureCount === 0 || e.saliency.length !== e.windowLength * featureCount) {
    throw new RangeError(
      `saliency has ${e.saliency.length} values, expected ${e.windowLength} samples × ${featureCount} channels`,
    );
  }
  return insertAudited(
    db,
    {
      sql: `INSERT INTO explanations (record_id, model_id, model_sha256, method, params, seed, target, channel_ids,
              start_sample, sample_count, window_length, feature_count, scale, saliency, info, job_id, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      values: [
        e.recordId,
        e.modelId,
        e.modelSha256,
        e.method,
        JSON.stringify(e.params),
        e.seed,
        e.target,
        JSON.stringify(e.channelIds),
        e.startSample,
        e.sampleCount,
        e.windowLength,
        featureCount,
        e.scale,
        Buffer.from(e.saliency.buffer, e.saliency.byteOffset, e.saliency.byteLength),
        JSON.stringify(e.info),
        e.jobId,
        at.toISOString(),
        actor,
      ],
    },
    (id) => ({
      actor,
      action: 'explanation-create',
      entity: 'record',
      entityId: String(e.recordId),
      details: { explanation: id, method: e.method, model: e.modelId, startSample: e.startSample, seed: e.seed },
    }),
    at,
  );
}

/** A record's explanations without their maps, in window order then creation order. */
export function listExplanations(db: Database.Database, recordId: number): ExplanationSummary[] {
  return db
    .prepare<[number], ExplanationRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM explanations WHERE record_id = ? ORDER BY start_sample, id`,
    )
    .all(recordId)
    .map(toSummary);
}

export function readExplanation(db: Database.Database, id: number): StoredExplanation | undefined {
  const row = db
    .prepare<[number], ExplanationRow>(`SELECT ${SUMMARY_COLUMNS}, saliency FROM explanations WHERE id = ?`)
    .get(id);
  if (!row?.saliency) return undefined;
  // Copy out of SQLite's buffer: it may be unaligned for a Float32Array view.
  const bytes = new Uint8Array(row.saliency);
  return { ...toSummary(row), saliency: new Float32Array(bytes.buffer, 0, bytes.byteLength / 4) };
}

function toSummary(row: ExplanationRow): ExplanationSummary {
  return {
    id: row.id,
    recordId: row.record_id,
    modelId: row.model_id,
    modelSha256: row.model_sha256,
    method: row.method,
    params: JSON.parse(row.params) as Record<string, unknown>,
    seed: row.seed,
    target: row.target,
    channelIds: JSON.parse(row.channel_ids) as number[],
    startSample: row.start_sample,
    sampleCount: row.sample_count,
    windowLength: row.window_length,
    featureCount: row.feature_count,
    scale: row.scale,
    info: JSON.parse(row.info) as Record<string, unknown>,
    jobId: row.job_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/**
 * Removes what an interrupted run of a job stored for one record and method before it could
 * checkpoint, so that the resumed run does not store the same windows twice. Audited like the
 * inserts it undoes.
 */
export function deleteUncheckpointedExplanations(
  db: Database.Database,
  where: { jobId: number; recordId: number; method: string },
  actor: string,
): number {
  return db.transaction(() => {
    const { changes } = db
      .prepare('DELETE FROM explanations WHERE job_id = ? AND record_id = ? AND method = ?')
      .run(where.jobId, where.recordId, where.method);
    if (changes > 0) {
      appendAudit(db, {
        actor,
        action: 'explanation-discard',
        entity: 'record',
        entityId: String(where.recordId),
        details: {
          job: where.jobId,
          method: where.method,
          count: changes,
          reason: 'interrupted before its checkpoint',
        },
      });
    }
    return changes;
  })();
}
