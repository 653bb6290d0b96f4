import type Database from 'better-sqlite3';
import { findRecord, listAnnotations, type RecordDetail, type StoredAnnotation } from '../store';

/** What an export writes: one record's description and its live annotations, as the store has them. */
export interface ExportContent {
  record: RecordDetail;
  annotations: StoredAnnotation[];
  /** True once `deidentify` has removed the identifying fields. */
  deidentified: boolean;
}

/** The record named by id or name, with its annotations in sample order. */
export function loadExportContent(db: Database.Database, idOrName: string): ExportContent {
  const record = findRecord(db, idOrName);
  return { record, annotations: listAnnotations(db, record.id), deidentified: false };
}
