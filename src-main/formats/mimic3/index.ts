export {
  runMimic3Pipeline,
  type Mimic3Cohort,
  type Mimic3DroppedStay,
  type Mimic3PipelineOptions,
  type Mimic3Stay,
} from './pipeline';
export { selectMimic3Cohort, MIN_ICU_HOURS, type Mimic3CohortStay } from './cohort';
export {
  featureLayout,
  MIMIC3_FEATURES,
  MIMIC3_STEPS,
  type Mimic3Feature,
  type Mimic3FeatureKind,
  type Mimic3FeatureLayout,
  type Mimic3Mode,
} from './features';
export {
  LABS,
  VITALS,
  LAB_ITEM_IDS,
  VITAL_ITEM_IDS,
  type LabDefinition,
  type LabName,
  type VitalDefinition,
  type VitalName,
} from './items';
export { ETHNICITY_CODES, ethnicityGroup, type EthnicityGroup } from './demographics';
export { normalisedWindow, type Mimic3Normalisation, type NormalisationConvention } from './normalisation';
export { MIMIC3_TABLE_COLUMNS, MIMIC3_TABLE_NAMES, type Mimic3Column, type Mimic3TableName } from './schema';
export { findMimic3Tables, type Mimic3TableFiles } from './table-files';
export type { TableReadControl } from './table-stream';
export { formatMimicTime, parseMimicTime, HOUR_MS } from './cells';
