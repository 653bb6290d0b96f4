/**
 * The annotated report of one record: PDF (vector, landscape A4) and self-contained HTML, both
 * drawn from one layout on a calibrated ECG grid, de-identified unless asked otherwise, audited.
 * See docs/REPORTS.md.
 */
export {
  writeReport,
  reportFormatOf,
  reportFormats,
  type ReportFileRequest,
  type ReportFormat,
  type ReportResult,
} from './write-report';
export type { TimeWindow } from './report-windows';
