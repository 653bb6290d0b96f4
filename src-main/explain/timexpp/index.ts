export { timexpp, timexppExplainer } from './explainer';
export { fitTimexpp, parseTimexppParams, untrainedTimexpp } from './fit';
export type { TimexppEpochLog, TimexppExplainerState, TimexppFitOptions, TimexppFitReport } from './fit';
export { ABLATIONS, timexppParams } from './presets';
export type { Ablation, TimexppParams } from './presets';
export { exportTimexppOnnx, timexppMaps } from './read-out';
export { fittedExplainerRecord } from './stored';
