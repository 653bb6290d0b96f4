import type Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../errors';
import { appendAudit } from '../store';
import { annotationsCsv } from './csv';
import { deidentify } from './deidentify';
import { writeEdfExport } from './edf';
import { loadExportContent, type ExportContent } from './export-content';
import { annotationsJson } from './json';
import { cannotWrite, checkOutputPath, moveIntoPlace, temporaryPathBeside } from './output-file';
import { mitAnnotationFile } from './wfdb';

export const exportFormats = ['csv', 'json', 'wfdb', 'edf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRequest {
  /** A record id or name. */
  record: string;
  format: ExportFormat;
  out: string;
  /** Keep the identifying fields that `deidentify` removes by default. */
  identified: boolean;
  actor: string;
}

export interface ExportResult {
  recordId: number;
  recordName: string;
  format: ExportFormat;
  out: string;
  count: number;
  deidentified: boolean;
}

/**
 * Exports one record's annotations to `out`. The file is written beside `out` under a temporary
 * name and moved into place in the transaction that appends the 'export' audit row, so either
 * both the file and its audit row exist or neither does.
 */
export function exportRecordAnnotations(db: Database.Database, request: ExportRequest): ExportResult {
  const { format, out, actor } = request;
  checkOutputPath(out);
  const loaded = loadExportContent(db, request.record);
  const content = request.identified ? loaded : deidentify(loaded);
  const { record, annotations, deidentified } = content;
  const temporary = temporaryPathBeside(out);
  try {
    writeFormat(db, content, format, temporary, out);
    db.transaction(() => {
      appendAudit(db, {
        actor,
        action: 'export',
        entity: 'record',
        entityId: String(record.id),
        details: { format, file: basename(out), count: annotations.length, deidentified },
      });
      moveIntoPlace(temporary, out);
    }).immediate();
  } finally {
    rmSync(temporary, { force: true });
  }
  return { recordId: record.id, recordName: record.name, format, out, count: annotations.length, deidentified };
}

function writeFormat(
  db: Database.Database,
  content: ExportContent,
  format: ExportFormat,
  temporary: string,
  out: string,
): void {
  try {
    if (format === 'edf') writeEdfExport(db, content, temporary);
    else writeFileSync(temporary, encode(content, format), { flag: 'wx' });
  } catch (error) {
    if (!(error instanceof AppError)) throw cannotWrite(out, error);
    const message = `record ${content.record.name} as ${format}: ${error.message}`;
    throw new AppError(error.kind, message, { cause: error });
  }
}

function encode(content: ExportContent, format: Exclude<ExportFormat, 'edf'>): string | Buffer {
  if (format === 'csv') return annotationsCsv(content);
  if (format === 'json') return annotationsJson(content);
  return mitAnnotationFile(content);
}
