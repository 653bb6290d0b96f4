import type Database from 'better-sqlite3';
import { appendAudit, insertAudited } from './audit';

/** A fitted explainer network to store: its ONNX forward pass and what made it. */
export interface NewFittedExplainer {
  readonly modelId: string;
  readonly modelSha256: string;
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly onnx: Uint8Array;
  readonly metrics: Readonly<Record<string, unknown>>;
}

export interface FittedExplainerSummary extends Omit<NewFittedExplainer, 'onnx'> {
  readonly id: number;
  readonly onnxBytes: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface StoredFittedExplainer extends FittedExplainerSummary {
  readonly onnx: Uint8Array;
}

interface FittedExplainerRow {
  id: number;
  model_id: string;
  model_sha256: string;
  method: string;
  params: string;
  seed: number;
  onnx_bytes: number;
  metrics: string;
  created_at: string;
  created_by: string;
  onnx?: Buffer;
}

const SUMMARY_COLUMNS = `id, model_id, model_sha256, method, params, seed, length(onnx) AS onnx_bytes, metrics,
  created_at, created_by`;

/** Stores a fitted explainer and audits it in one transaction; returns its id. */
export function insertFittedExplainer(
  db: Database.Database,
  e: NewFittedExplainer,
  actor: string,
  at = new Date(),
): number {
  if (e.onnx.byteLength === 0) throw new RangeError('onnx: expected the fitted explainer as ONNX bytes, got none');
  return insertAudited(
    db,
    {
      sql: `INSERT INTO fitted_explainers (model_id, model_sha256, method, params, seed, onnx, metrics, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      values: [
        e.modelId,
        e.modelSha256,
        e.method,
        JSON.stringify(e.params),
        e.seed,
        Buffer.from(e.onnx.buffer, e.onnx.byteOffset, e.onnx.byteLength),
        JSON.stringify(e.metrics),
        at.toISOString(),
        actor,
      ],
    },
    (id) => ({
      actor,
      action: 'fitted-explainer-create',
      entity: 'model',
      entityId: e.modelId,
      details: { fittedExplainer: id, method: e.method, modelSha256: e.modelSha256, seed: e.seed },
    }),
    at,
  );
}

/** The fitted explainers of a model (by its hash), newest first, optionally of one method; without their bytes. */
export function listFittedExplainers(
  db: Database.Database,
  modelSha256: string,
  method?: string,
): FittedExplainerSummary[] {
  const rows =
    method === undefined
      ? db
          .prepare<[string], FittedExplainerRow>(
            `SELECT ${SUMMARY_COLUMNS} FROM fitted_explainers WHERE model_sha256 = ? ORDER BY id DESC`,
          )
          .all(modelSha256)
      : db
          .prepare<[string, string], FittedExplainerRow>(
            `SELECT ${SUMMARY_COLUMNS} FROM fitted_explainers WHERE model_sha256 = ? AND method = ? ORDER BY id DESC`,
          )
          .all(modelSha256, method);
  return rows.map(toSummary);
}

/** Every fitted explainer of the study, or of one model id, newest first; without their bytes. */
export function listStudyFittedExplainers(db: Database.Database, modelId?: string): FittedExplainerSummary[] {
  const where = modelId === undefined ? '' : 'WHERE model_id = ?';
  return db
    .prepare<string[], FittedExplainerRow>(`SELECT ${SUMMARY_COLUMNS} FROM fitted_explainers ${where} ORDER BY id DESC`)
    .all(...(modelId === undefined ? [] : [modelId]))
    .map(toSummary);
}

/** What makes a fit: the model (id and bytes), the method, its resolved parameters and the seed. */
export type FittedExplainerKey = Pick<NewFittedExplainer, 'modelId' | 'modelSha256' | 'method' | 'params' | 'seed'>;

/**
 * The newest stored fit with exactly this key, if any. Parameters are compared as JSON values
 * (key order and absent optional fields do not matter), so a fit is found whatever the order in
 * which the parameters were written.
 */
export function findFittedExplainer(db: Database.Database, key: FittedExplainerKey): StoredFittedExplainer | undefined {
  const params = canonicalJson(key.params);
  const match = listFittedExplainers(db, key.modelSha256, key.method).find(
    (e) => e.modelId === key.modelId && e.seed === key.seed && canonicalJson(e.params) === params,
  );
  return match && readFittedExplainer(db, match.id);
}

function canonicalJson(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, field]) => field !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, field]) => [k, sorted(field)]),
          )
        : v;
  return JSON.stringify(sorted(value));
}

export function readFittedExplainer(db: Database.Database, id: number): StoredFittedExplainer | undefined {
  const row = db
    .prepare<[number], FittedExplainerRow>(`SELECT ${SUMMARY_COLUMNS}, onnx FROM fitted_explainers WHERE id = ?`)
    .get(id);
  if (!row?.onnx) return undefined;
  return { ...toSummary(row), onnx: new Uint8Array(row.onnx) };
}

/** Removes a fitted explainer, audited; false when there was none. */
export function deleteFittedExplainer(db: Database.Database, id: number, actor: string): boolean {
  return db.transaction(() => {
    const row = db
      .prepare<[number], { model_id: string; method: string }>(
        'SELECT model_id, method FROM fitted_explainers WHERE id = ?',
      )
      .get(id);
    if (!row) return false;
    db.prepare('DELETE FROM fitted_explainers WHERE id = ?').run(id);
    appendAudit(db, {
      actor,
      action: 'fitted-explainer-delete',
      entity: 'model',
      entityId: row.model_id,
      details: { fittedExplainer: id, method: row.method },
    });
    return true;
  })();
}

function toSummary(row: FittedExplainerRow): FittedExplainerSummary {
  return {
    id: row.id,
    modelId: row.model_id,
    modelSha256: row.model_sha256,
    method: row.method,
    params: JSON.parse(row.params) as Record<string, unknown>,
    seed: row.seed,
    onnxBytes: row.onnx_bytes,
    metrics: JSON.parse(row.metrics) as Record<string, unknown>,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
