import type Database from 'better-sqlite3';

export type AnnotationSource = 'imported' | 'analyst' | 'explainer';

export interface NewAnnotation {
  /** Sample index at the record's frame rate. */
  sample: number;
  endSample: number | null;
  /** Channel index, or null for the whole record. */
  channel: number | null;
  /** MIT annotation code where the source has one. */
  code: number | null;
  symbol: string;
  subtype: number;
  aux: string | null;
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

/** A record's live (not deleted) annotations in sample order. */
export function listAnnotations(db: Database.Database, recordId: number): StoredAnnotation[] {
  const rows = db
    .prepare(
      `SELECT id, sample, end_sample, channel, label_code, symbol, subtype, aux, author, source, created_at, updated_at
       FROM annotations WHERE record_id = ? AND deleted_at IS NULL ORDER BY sample, id`,
    )
    .all(recordId) as AnnotationRow[];
  return rows.map((r) => ({
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
  }));
}
