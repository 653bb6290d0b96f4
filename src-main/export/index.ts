/**
 * Exports of a record's annotations (CSV, JSON, WFDB annotation file, EDF+ with the signals),
 * de-identified unless asked otherwise, each one audited. See docs/EXPORTS.md.
 */
export {
  exportRecordAnnotations,
  exportFormats,
  type ExportFormat,
  type ExportRequest,
  type ExportResult,
} from './export-annotations';
export { deidentify, STANDARD_AUX_CODES } from './deidentify';
export { loadExportContent, type ExportContent } from './export-content';
