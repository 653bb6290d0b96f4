export { FormatError, type FileLocation } from './format-error';
export type { SourceRecord, SourceChannel, SourceAnnotation } from './record-source';
export { importSources, type SourceToImport, type ImportedRecord } from './import-sources';
export { openSources, detectFormat, importFormats, type ImportFormat } from './open-sources';
export { importFiles } from './import-files';
