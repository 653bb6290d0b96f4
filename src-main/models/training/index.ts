/** Training on the engine: networks, mini-batch Adam, k-fold splits, ONNX export, the model card. */
export {
  cnn1d,
  gru,
  lstm,
  type Cnn1dOptions,
  type GruOptions,
  type LstmOptions,
  type Network,
  type NetworkShape,
  type TrainingMode,
} from './networks';
export { gruClassifier, type GruClassifierOptions } from './gru-classifier';
export { resnet1d, type Resnet1dOptions } from './resnet1d';
export { TORCH_BATCH_NORM, type BatchNormOptions } from './batch-norm';
export { kFoldSplits, type Fold } from './seeded-order';
export { rowLosses } from './losses';
export type { LabelledWindows } from './labelled-windows';
export { measureOutputs } from './metrics';
export {
  trainNetwork,
  type EpochLosses,
  type TrainedNetwork,
  type TrainerState,
  type TrainingOptions,
  type TrainingProgress,
} from './trainer';
export { exportForwardModel } from './export-forward';
export { describeTrainingProgress } from './progress-text';
export {
  measureHeldOut,
  trainModel,
  trainingRun,
  type ModelDescription,
  type ModelTrainingSpec,
  type TrainedModel,
  type TrainModelChoice,
} from './train-model';
export {
  readTrainerState,
  removeTrainingCheckpoint,
  trainingCheckpoint,
  writeTrainerState,
  type TrainingCheckpoint,
  type TrainingRun,
} from './training-checkpoint';
