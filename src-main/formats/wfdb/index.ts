/**
 * WFDB (PhysioNet) records: headers, signal files in every storage format of the spec, single-
 * and multi-segment records, MIT annotation files (read and write), and fmt 16/212 signal export.
 */
export {
  parseHeader,
  parseInfoFields,
  headerStartTime,
  effectiveGain,
  DEFAULT_GAIN,
  DEFAULT_SAMPLING_FREQUENCY,
  type WfdbHeader,
  type WfdbSingleSegmentHeader,
  type WfdbMultiSegmentHeader,
  type WfdbRecordLine,
  type WfdbSignalSpec,
  type WfdbSegmentSpec,
  type WfdbBaseTime,
  type WfdbBaseDate,
} from './header';
export { STORAGE_FORMATS, isStorageFormat, invalidSampleValue, type StorageFormat } from './storage-formats';
export {
  openWfdbRecord,
  findAnnotationFiles,
  readRecordAnnotators,
  toSourceAnnotations,
  type WfdbRecord,
  type WfdbAnnotator,
} from './record';
export {
  readAnnotations,
  decodeAnnotations,
  writeAnnotations,
  annotationSymbol,
  auxText,
  NOTE,
  ACMAX,
  type MitAnnotation,
  type ReadAnnotation,
  type AnnotationLabel,
  type AnnotationToWrite,
  type AnnotationWriteOptions,
  type DecodedAnnotations,
} from './annotations';
export {
  writeSignals,
  physicalToDigital,
  digitalToPhysical,
  type SignalToWrite,
  type WfdbRecordToWrite,
  type WrittenRecord,
} from './write-signals';
