import type Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppError } from '../errors';
import { cannotWrite, checkOutputPath, moveIntoPlace, temporaryPathBeside } from '../export/output-file';
import { appendAudit } from '../store';
import { renderHtml } from './html';
import { renderPdf } from './pdf';
import { loadReportContent, type ReportRequest } from './report-content';
import { reportDocument } from './report-document';
import type { TimeWindow } from './report-windows';

export const reportFormats = ['pdf', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface ReportFileRequest extends ReportRequest {
  /** Where to write: `.pdf` or `.html` says which report. */
  readonly out: string;
  readonly actor: string;
}

export interface ReportResult {
  readonly recordId: number;
  readonly recordName: string;
  readonly format: ReportFormat;
  readonly out: string;
  readonly bytes: number;
  readonly windows: readonly TimeWindow[];
  readonly explanations: number;
  readonly deidentified: boolean;
}

/** The report's format from the output file's extension. */
export function reportFormatOf(out: string): ReportFormat {
  const extension = extname(out).slice(1).toLowerCase();
  const format = reportFormats.find((f) => f === extension || (f === 'html' && extension === 'htm'));
  if (format === undefined) {
    throw new AppError('invalid-request', `${out}: a report is written as .pdf or .html; the name says which`);
  }
  return format;
}

/**
 * Writes a record's report to `out`: under a temporary name beside it, then moved into place in
 * the transaction that appends the 'export' audit row, so the file and its audit row exist together
 * or not at all, and a failed report leaves no file behind.
 */
export async function writeReport(db: Database.Database, request: ReportFileRequest): Promise<ReportResult> {
  const { out } = request;
  const format = reportFormatOf(out);
  checkOutputPath(out);
  const content = await loadReportContent(db, request);
  const document = reportDocument(content);
  const bytes =
    format === 'pdf'
      ? await renderPdf(document, content.appVersion)
      : Buffer.from(renderHtml(document, content.appVersion), 'utf8');
  const { record, deidentified } = content;
  const temporary = temporaryPathBeside(out);
  try {
    try {
      writeFileSync(temporary, bytes, { flag: 'wx' });
    } catch (error) {
      throw cannotWrite(out, error);
    }
    db.transaction(() => {
      appendAudit(db, {
        actor: request.actor,
        action: 'export',
        entity: 'record',
        entityId: String(record.id),
        details: { format, file: basename(out), deidentified },
      });
      moveIntoPlace(temporary, out);
    }).immediate();
  } finally {
    rmSync(temporary, { force: true });
  }
  return {
    recordId: record.id,
    recordName: record.name,
    format,
    out,
    bytes: bytes.length,
    windows: content.windows.map(({ startSec, endSec }) => ({ startSec, endSec })),
    explanations: content.explanations.length,
    deidentified,
  };
}
