import type Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../errors';
import { appendAudit } from '../store';
import { readGraphSignature } from './graph-signature';
import type { Differentiability } from './graph-signature';
import { sha256Hex } from './loaded-model';
import type { LoadedModel } from './loaded-model';
import { parseModelCard } from './model-card';
import type { ModelCard } from './model-card';

/** How a study keeps a model: its ONNX bytes inside the study file, or the path of the file. */
export type ModelStorage = 'embedded' | 'referenced';

export interface RegisteredModel {
  readonly id: string;
  readonly card: ModelCard;
  readonly sha256: string;
  readonly storage: ModelStorage;
  /** The ONNX file a referenced model is read from (null when embedded). */
  readonly onnxPath: string | null;
  /** Whether explainers that need gradients can use the model (forward-only methods always can). */
  readonly differentiability: Differentiability;
  readonly registeredAt: string;
  readonly registeredBy: string;
}

export interface RegisterOptions {
  readonly actor: string;
  /** Default 'embedded'; 'referenced' keeps only `onnxPath` (for models too large to copy into the study). */
  readonly storage?: ModelStorage;
  readonly onnxPath?: string;
}

interface ModelRow {
  id: string;
  card: string;
  sha256: string;
  onnx_path: string | null;
  differentiability: string;
  registered_at: string;
  registered_by: string;
}

const rowColumns = 'id, card, sha256, onnx_path, differentiability, registered_at, registered_by';

/** Adds a checked model (see `checkModel`) to the study, with its audit row, in one transaction. */
export function registerModel(db: Database.Database, model: LoadedModel, options: RegisterOptions): RegisteredModel {
  const { card, sha256 } = model;
  const storage = options.storage ?? 'embedded';
  if (storage === 'referenced' && options.onnxPath === undefined) {
    throw new AppError('invalid-request', `model ${card.id}: a referenced model needs the path of its ONNX file`);
  }
  const onnxPath = storage === 'referenced' ? resolve(options.onnxPath ?? '') : null;
  const { differentiability } = model.signature;
  db.transaction(() => {
    const existing = db.prepare('SELECT sha256, registered_at FROM models WHERE id = ?').get(card.id) as
      { sha256: string; registered_at: string } | undefined;
    if (existing !== undefined) {
      throw new AppError(
        'bad-input',
        `${model.source}: a model with id '${card.id}' is already registered (sha256 ${existing.sha256.slice(0, 12)}…, ${existing.registered_at}); remove it first or give the card another id`,
      );
    }
    db.prepare(
      `INSERT INTO models (id, card, sha256, onnx, onnx_path, differentiability, registered_at, registered_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      card.id,
      JSON.stringify(card),
      sha256,
      storage === 'embedded' ? Buffer.from(model.bytes) : null,
      onnxPath,
      JSON.stringify(differentiability),
      new Date().toISOString(),
      options.actor,
    );
    appendAudit(db, {
      actor: options.actor,
      action: 'register',
      entity: 'model',
      entityId: card.id,
      details: {
        name: card.name,
        version: card.version,
        sha256,
        storage,
        onnxPath,
        differentiable: differentiability.differentiable,
      },
    });
  })();
  return findModel(db, card.id);
}

export function listModels(db: Database.Database): RegisteredModel[] {
  const rows = db.prepare(`SELECT ${rowColumns} FROM models ORDER BY id`).all() as ModelRow[];
  return rows.map(toRegistered);
}

export function findModel(db: Database.Database, id: string): RegisteredModel {
  const row = db.prepare(`SELECT ${rowColumns} FROM models WHERE id = ?`).get(id) as ModelRow | undefined;
  if (row === undefined) {
    const known = listModels(db).map((m) => m.id);
    throw new AppError(
      'not-found',
      `no model '${id}' in this study (${known.length > 0 ? `registered: ${known.join(', ')}` : 'none is registered'})`,
    );
  }
  return toRegistered(row);
}

/** A registered model ready to run: its bytes from the study or from its file, checked against the stored sha256. */
export function loadRegisteredModel(db: Database.Database, id: string): LoadedModel {
  const registered = findModel(db, id);
  const source = `model '${id}'`;
  let bytes: Uint8Array;
  if (registered.onnxPath === null) {
    bytes = db.prepare('SELECT onnx FROM models WHERE id = ?').pluck().get(id) as Buffer;
  } else {
    if (!existsSync(registered.onnxPath)) {
      throw new AppError('not-found', `${source}: its ONNX file ${registered.onnxPath} is missing`);
    }
    bytes = readFileSync(registered.onnxPath);
    if (sha256Hex(bytes) !== registered.sha256) {
      throw new AppError(
        'bad-input',
        `${source}: its ONNX file ${registered.onnxPath} has changed since it was registered (sha256 differs); register it again`,
      );
    }
  }
  return {
    card: registered.card,
    sha256: registered.sha256,
    bytes,
    signature: readGraphSignature(bytes, source),
    source,
  };
}

/** Removes a model, its stored predictions and (for an embedded model) its bytes; audited. */
export function removeModel(db: Database.Database, id: string, actor: string): void {
  db.transaction(() => {
    const registered = findModel(db, id);
    db.prepare('DELETE FROM models WHERE id = ?').run(id);
    appendAudit(db, {
      actor,
      action: 'remove',
      entity: 'model',
      entityId: id,
      details: { name: registered.card.name, version: registered.card.version, sha256: registered.sha256 },
    });
  })();
}

function toRegistered(row: ModelRow): RegisteredModel {
  return {
    id: row.id,
    card: parseModelCard(JSON.parse(row.card), `of model '${row.id}' in the study`),
    sha256: row.sha256,
    storage: row.onnx_path === null ? 'embedded' : 'referenced',
    onnxPath: row.onnx_path,
    differentiability: JSON.parse(row.differentiability) as Differentiability,
    registeredAt: row.registered_at,
    registeredBy: row.registered_by,
  };
}
