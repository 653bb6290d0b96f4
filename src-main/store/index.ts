export { openStudy, studyName, STUDY_APPLICATION_ID, type Study, type OpenStudyOptions } from './study';
export {
  insertRecord,
  listRecords,
  recordSummary,
  countRecords,
  type NewRecord,
  type NewChannel,
  type RecordSource,
  type InsertedRecord,
  findRecord,
  type RecordDetail,
  type ChannelDetail,
} from './records';
export {
  addAnnotationLabel,
  createAnnotation,
  deleteAnnotation,
  findAnnotation,
  insertAnnotations,
  listAnnotationLabels,
  listAnnotations,
  restoreAnnotation,
  updateAnnotation,
  type AnnotationEdit,
  type AnnotationPlacement,
  type CustomAnnotationLabel,
  type FoundAnnotation,
  type NewAnnotation,
  type StoredAnnotation,
} from './annotations';
export { ChannelWriter, readChannelSamples, CHUNK_SAMPLES } from './signals';
export { EnvelopeBuilder, writeEnvelopes, readEnvelope, type EnvelopeLevel, type EnvelopeWindow } from './envelopes';
export { appendAudit, verifyAudit, type AuditEntry, type AuditVerdict } from './audit';
export { latestSchemaVersion } from './migrations';
export { removeStudyFile, withStudyCreatedIfMissing } from './study-session';
export {
  deleteUncheckpointedExplanations,
  insertExplanation,
  listExplanations,
  readExplanation,
  type ExplanationSummary,
  type NewExplanation,
  type StoredExplanation,
  type StoredSaliencyScale,
} from './explanations';
export { readSettingValues, writeSettingValues } from './settings';
