/**
 * Models: an ONNX file plus its model card, checked against each other, registered in a study,
 * and run on ONNX Runtime over arrays or sliding windows of a record.
 */
export {
  ModelCard,
  MODEL_TASKS,
  WINDOW_FILTERS,
  fieldName,
  formatModelCard,
  parseModelCard,
  parseModelCardJson,
  type BandPass,
  type ModelTask,
  type WindowFilter,
} from './model-card';
export { describeShape, readGraphSignature, type Differentiability, type GraphSignature } from './graph-signature';
export { expectedOutputWidth } from './card-check';
export { checkModel } from './check-model';
export { cardPathFor, hasModelCard, readModelFiles } from './model-files';
export { loadModelReference } from './model-reference';
export { sha256Hex, type LoadedModel, type ModelSources } from './loaded-model';
export { openModelRunner, releaseModelSessions, type InferenceOptions, type ModelRunner } from './inference';
export { preprocessWindows } from './preprocess';
export { readVerdicts, type WindowVerdict } from './output-reading';
export {
  findModel,
  listModels,
  loadRegisteredModel,
  registerModel,
  removeModel,
  type ModelStorage,
  type RegisteredModel,
  type RegisterOptions,
} from './registry';
export {
  listPredictionRuns,
  readPredictions,
  type PredictionRun,
  type PredictionRunSummary,
  type WindowPrediction,
} from './predictions';
export { predictRecord, type RecordPrediction, type RecordPredictionOptions } from './record-prediction';
export { matchChannels, readWindows, windowStarts, type WindowPlan } from './record-windows';
