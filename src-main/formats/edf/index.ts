export { openEdfRecord, type EdfRecord, type EdfDetails, type EdfSignalInfo } from './edf-record';
export { writeEdfPlus, type EdfPlusExport, type EdfExportChannel, type EdfExportAnnotation } from './edf-plus-writer';
export type { EdfKind, EdfVariant } from './edf-header';
export type { EdfPatient, EdfRecording } from './identification';
