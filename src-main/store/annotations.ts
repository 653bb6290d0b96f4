import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { appendAudit } from './audit';

export type AnnotationSource = 'imported' | 'analyst' | 'explainer';

/** Where an annotation lies. */
export interface AnnotationPlacement {
  /** Sample index at the record's frame rate. */
  sample: number;
  /** The sample after the last one it covers; null for an annotation at one instant (a beat). */
  endSample: number | null;
  /** Channel index, or null for the whole record. */
  channel: number | null;
}

/** What an edit may change: where the annotation lies, its label and its note. */
export interface AnnotationEdit extends AnnotationPlacement {
  /** MIT annotation code where the label has one. */
  code: number | null;
  symbol: string;
  /** The note: free text, or an MIT rhythm such as "(AFIB" for an imported rhythm change. */
  aux: string | null;
}

export interface NewAnnotation extends AnnotationEdit {
  subtype: number;
}

export interface StoredAnnotation extends NewAnnotation {
  id: number;
  author: string;
  source: AnnotationSource;
  createdAt: string;
  updatedAt: string;
}

/** Adds a record's annotations in the caller's transaction. */
export function insertAnnotations(
  db: Database.Database,
  recordId: number,
  annotations: readonly NewAnnotation[],
  origin: { author: string; source: AnnotationSource },
): void {
  const now = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO annotations (record_id, sample, end_sample, channel, label_code, symbol, subtype, aux, author, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of annotations) {
    insert.run(
      recordId,
      a.sample,
      a.endSample,
      a.channel,
      a.code,
      a.symbol,
      a.subtype,
      a.aux,
      origin.author,
      origin.source,
      now,
      now,
    );
  }
}

interface AnnotationRow {
  id: number;
  sample: number;
  end_sample: number | null;
  channel: number | null;
  label_code: number | null;
  symbol: string;
  subtype: number;
  aux: string | null;
  author: string;
  source: AnnotationSource;
  created_at: string;
  updated_at: string;
}

const SELECTED = `id, sample, end_sample, channel, label_code, symbol, subtype, aux, author, source, created_at, updated_at`;

/** A record's live (not deleted) annotations in sample order. */
export function listAnnotations(db: Database.Database, recordId: number): StoredAnnotation[] {
  return db
    .prepare<[number], AnnotationRow>(
      `SELECT ${SELECTED} FROM annotations WHERE record_id = ? AND deleted_at IS NULL ORDER BY sample, id`,
    )
    .all(recordId)
    .map(toStored);
}

function toStored(r: AnnotationRow): StoredAnnotation {
  return {
    id: r.id,
    sample: r.sample,
    endSample: r.end_sample,
    channel: r.channel,
    code: r.label_code,
    symbol: r.symbol,
    subtype: r.subtype,
    aux: r.aux,
    author: r.author,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const COLUMNS: Readonly<Record<keyof AnnotationEdit, string>> = {
  sample: 'sample',
  endSample: 'end_sample',
  channel: 'channel',
  code: 'label_code',
  symbol: 'symbol',
  aux: 'aux',
};
const EDITABLE = Object.keys(COLUMNS) as (keyof AnnotationEdit)[];

/** One annotation, deleted or not, with the record it belongs to. */
export interface FoundAnnotation extends StoredAnnotation {
  recordId: number;
  deletedAt: string | null;
}

export function findAnnotation(db: Database.Database, id: number): FoundAnnotation | undefined {
  const row = db
    .prepare<[number], AnnotationRow & { record_id: number; deleted_at: string | null }>(
      `SELECT ${SELECTED}, record_id, deleted_at FROM annotations WHERE id = ?`,
    )
    .get(id);
  return row === undefined ? undefined : { ...toStored(row), recordId: row.record_id, deletedAt: row.deleted_at };
}

/**
 * Adds an analyst's annotation (or one accepted from an explainer) and audits it, in one
 * transaction. The audit row holds every field, so that the trail alone can rebuild it.
 */
export function createAnnotation(
  db: Database.Database,
  recordId: number,
  fields: AnnotationEdit,
  origin: { actor: string; source: Exclude<AnnotationSource, 'imported'> },
  at = new Date(),
): StoredAnnotation {
  return db.transaction(() => {
    checkPlacement(db, recordId, fields);
    const stamp = at.toISOString();
    const id = Number(
      db
        .prepare(
          `INSERT INTO annotations (record_id, sample, end_sample, channel, label_code, symbol, subtype, aux, author,
             source, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
        )
        .run(
          recordId,
          fields.sample,
          fields.endSample,
          fields.channel,
          fields.code,
          fields.symbol,
          fields.aux,
          origin.actor,
          origin.source,
          stamp,
          stamp,
        ).lastInsertRowid,
    );
    const created = live(db, id);
    audit(db, 'annotation-create', recordId, created, { after: snapshot(created) }, origin.actor, at);
    return created;
  })();
}

/**
 * Changes an annotation's bounds, channel, label or note (an imported one too: only the study
 * changes, never its source file). The audit row holds the changed fields before and after;
 * a change to nothing writes nothing.
 */
export function updateAnnotation(
  db: Database.Database,
  id: number,
  changes: Partial<AnnotationEdit>,
  actor: string,
  at = new Date(),
): StoredAnnotation {
  return db.transaction(() => {
    const current = editable(db, id, 'change');
    const changed = EDITABLE.filter((key) => changes[key] !== undefined && changes[key] !== current[key]);
    if (changed.length === 0) return withoutRecord(current);
    const next = { ...current, ...Object.fromEntries(changed.map((key) => [key, changes[key]])) };
    checkPlacement(db, current.recordId, next);
    db.prepare(
      `UPDATE annotations SET ${changed.map((key) => `${COLUMNS[key]} = @${key}`).join(', ')}, updated_at = @at
       WHERE id = @id`,
    ).run({ ...Object.fromEntries(changed.map((key) => [key, next[key]])), at: at.toISOString(), id });
    const updated = live(db, id);
    const pick = (from: AnnotationEdit): Record<string, unknown> =>
      Object.fromEntries(changed.map((key) => [key, from[key]]));
    audit(
      db,
      'annotation-update',
      current.recordId,
      updated,
      { before: pick(current), after: pick(updated) },
      actor,
      at,
    );
    return updated;
  })();
}

/** Marks an annotation deleted (it stays in the study, restorable); the audit row holds all of it. */
export function deleteAnnotation(db: Database.Database, id: number, actor: string, at = new Date()): StoredAnnotation {
  return db.transaction(() => {
    const current = editable(db, id, 'delete');
    db.prepare('UPDATE annotations SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
      at.toISOString(),
      at.toISOString(),
      id,
    );
    audit(db, 'annotation-delete', current.recordId, current, { before: snapshot(current) }, actor, at);
    return { ...withoutRecord(current), updatedAt: at.toISOString() };
  })();
}

export function restoreAnnotation(db: Database.Database, id: number, actor: string, at = new Date()): StoredAnnotation {
  return db.transaction(() => {
    const found = findAnnotation(db, id);
    if (found === undefined) throw new AppError('not-found', `no annotation ${id} in this study`);
    if (found.deletedAt === null) throw new AppError('invalid-request', `annotation ${id} is not deleted`);
    db.prepare('UPDATE annotations SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(at.toISOString(), id);
    const restored = live(db, id);
    audit(db, 'annotation-restore', found.recordId, restored, { after: snapshot(restored) }, actor, at);
    return restored;
  })();
}

function live(db: Database.Database, id: number): StoredAnnotation {
  return withoutRecord(editable(db, id, 'read'));
}

function withoutRecord({ recordId: _record, deletedAt: _deleted, ...annotation }: FoundAnnotation): StoredAnnotation {
  return annotation;
}

function editable(db: Database.Database, id: number, doing: string): FoundAnnotation {
  const found = findAnnotation(db, id);
  if (found === undefined) throw new AppError('not-found', `no annotation ${id} in this study`);
  if (found.deletedAt !== null) {
    throw new AppError('invalid-request', `cannot ${doing} annotation ${id}: it is deleted (restore it first)`);
  }
  return found;
}

/** An annotation lies within its record: samples 0 … n−1, an end after its start and at most n, a channel it has. */
function checkPlacement(db: Database.Database, recordId: number, placement: AnnotationPlacement): void {
  const record = db
    .prepare<[number], { name: string; sample_count: number; channels: number }>(
      `SELECT name, sample_count, (SELECT count(*) FROM channels c WHERE c.record_id = r.id) AS channels
       FROM records r WHERE id = ?`,
    )
    .get(recordId);
  if (record === undefined) throw new AppError('not-found', `no record with id ${recordId} in this study`);
  const { sample, endSample, channel } = placement;
  const n = record.sample_count;
  if (sample < 0 || sample >= n) {
    throw new AppError(
      'invalid-request',
      `sample ${sample} is outside record ${record.name}, whose samples run from 0 to ${n - 1}`,
    );
  }
  if (endSample !== null && (endSample <= sample || endSample > n)) {
    throw new AppError(
      'invalid-request',
      `endSample ${endSample} must be after sample ${sample} and at most ${n} (the end of record ${record.name})`,
    );
  }
  if (channel !== null && (channel < 0 || channel >= record.channels)) {
    throw new AppError(
      'invalid-request',
      `record ${record.name} has no channel ${channel}; it has channels 0 to ${record.channels - 1}`,
    );
  }
}

/** Every field of an annotation but its id and timestamps (which the audit row has). */
function snapshot(a: StoredAnnotation): Record<string, unknown> {
  const { sample, endSample, channel, code, symbol, subtype, aux, author, source } = a;
  return { sample, endSample, channel, code, symbol, subtype, aux, author, source };
}

function audit(
  db: Database.Database,
  action: 'annotation-create' | 'annotation-update' | 'annotation-delete' | 'annotation-restore',
  recordId: number,
  annotation: StoredAnnotation,
  values: { before?: Record<string, unknown>; after?: Record<string, unknown> },
  actor: string,
  at: Date,
): void {
  appendAudit(
    db,
    { actor, action, entity: 'annotation', entityId: String(annotation.id), details: { record: recordId, ...values } },
    at,
  );
}

/** A label the study defines beside the MIT codes. */
export interface CustomAnnotationLabel {
  label: string;
  description: string;
  createdAt: string;
  createdBy: string;
}

export function listAnnotationLabels(db: Database.Database): CustomAnnotationLabel[] {
  return db
    .prepare<[], CustomAnnotationLabel>(
      `SELECT label, description, created_at AS createdAt, created_by AS createdBy FROM annotation_labels ORDER BY id`,
    )
    .all();
}

/** Adds a study label, audited; a label the study has already is refused. */
export function addAnnotationLabel(
  db: Database.Database,
  label: { label: string; description: string },
  actor: string,
  at = new Date(),
): CustomAnnotationLabel {
  return db.transaction(() => {
    const taken = db.prepare('SELECT 1 FROM annotation_labels WHERE label = ?').get(label.label);
    if (taken !== undefined) throw new AppError('invalid-request', `the study already has the label '${label.label}'`);
    db.prepare('INSERT INTO annotation_labels (label, description, created_at, created_by) VALUES (?, ?, ?, ?)').run(
      label.label,
      label.description,
      at.toISOString(),
      actor,
    );
    appendAudit(
      db,
      { actor, action: 'annotation-label-add', entity: 'annotation-label', entityId: label.label, details: label },
      at,
    );
    return { ...label, createdAt: at.toISOString(), createdBy: actor };
  })();
}
