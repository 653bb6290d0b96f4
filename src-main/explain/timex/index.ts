export { timex, timexExplainer } from './explainer';
export { fitTimex, parseTimexParams, untrainedTimex } from './fit';
export type { TimexEpochLog, TimexExplainerState, TimexFitOptions, TimexFitReport } from './fit';
export { timexParams } from './presets';
export type { TimexParams } from './presets';
