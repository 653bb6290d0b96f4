/**
 * Explanation metrics: against a ground truth (tint / ContraLSP / TimeX++ definitions), without one
 * (perturbing the inputs of a model given as a `Forward`), and agreement between two maps.
 * Every map is an [N, T, F] `Tensor`.
 */
export type { MapShape, MetricResult } from './saliency-map';

// Ground truth.
export {
  tintAup,
  tintAur,
  tintAuprc,
  tintRocAuc,
  tintInformation,
  tintEntropy,
  tintMae,
  tintMse,
  tintRmse,
  type TintWhiteBoxOptions,
} from './ground-truth/tint-white-box';
export {
  contralspRareAup,
  contralspRareAur,
  contralspRareInformation,
  contralspRareEntropy,
  contralspRareTrapezoidAuprc,
} from './ground-truth/contralsp-rare';
export {
  timexppScores,
  type MeanWithError,
  type TimexppOptions,
  type TimexppSampleScores,
  type TimexppScores,
} from './ground-truth/timexpp-per-sample';
export { minMaxNormalize, TIMEXPP_EPSILON, TINT_EPSILON } from './ground-truth/normalize';
export {
  areaUnderPrecision,
  areaUnderRecall,
  averagePrecision,
  precisionRecallCurve,
  trapezoid,
  trapezoidPrecisionRecallArea,
  type PrecisionRecallCurve,
} from './ground-truth/precision-recall';

// Without ground truth.
export type { Forward } from './black-box/forward';
export type { Baseline } from './black-box/baselines';
export {
  comprehensiveness,
  sufficiency,
  logOdds,
  perturbedAccuracy,
  perturbedCrossEntropy,
  perturbedOutputMae,
  perturbedOutputMse,
  type AccuracyOptions,
  type MaskOptions,
  type PerturbationMetric,
  type TintBugCompat,
  type TopkOptions,
} from './black-box/perturbation-metrics';
export { tintTopkCount } from './black-box/tint-topk';
export {
  deletionCurve,
  insertionCurve,
  type CurveFunction,
  type CurveOptions,
  type PerturbationCurve,
} from './black-box/deletion-insertion';
export { lipschitzMax, type Explain, type LipschitzOptions } from './black-box/lipschitz-max';

// Agreement between two maps.
export { topKIou } from './agreement/top-k-iou';
export { spearmanCorrelation } from './agreement/spearman';
export { rankEntries } from './ranking';
