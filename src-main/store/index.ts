export { openStudy, STUDY_APPLICATION_ID, type Study, type OpenStudyOptions } from './study';
export { insertRecord, listRecords, countRecords, type NewRecord, type NewChannel, type RecordSource } from './records';
export { latestSchemaVersion } from './migrations';
