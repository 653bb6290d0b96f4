import { exactRounding, numpySum, type Rounding } from './numpy-arithmetic';

/**
 * sklearn's `precision_recall_curve` (≥ 1.1, no truncation at full recall), without the final
 * (precision 1, recall 0) point: one entry per distinct score, in ascending score order.
 * Predicted positive at threshold θ ⇔ score ≥ θ.
 */
export interface PrecisionRecallCurve {
  readonly thresholds: Float64Array;
  readonly precision: Float64Array;
  /** TP/#positives; 1 everywhere when there are no positives (sklearn's convention). */
  readonly recall: Float64Array;
}

/** Counts at each distinct score, highest first: how many entries and positives score ≥ it. */
export interface ThresholdCounts {
  readonly thresholds: number[];
  readonly truePositives: number[];
  readonly predicted: number[];
  readonly positives: number;
}

/** sklearn's `_binary_clf_curve`: `positive[i]` is 1 for a positive entry, 0 for a negative one. */
export function thresholdCounts(scores: ArrayLike<number>, positive: ArrayLike<number>): ThresholdCounts {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const counts = { thresholds: [] as number[], truePositives: [] as number[], predicted: [] as number[], positives: 0 };
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] ?? 0;
    tp += positive[i] ? 1 : 0;
    const next = order[k + 1];
    // Tied scores form one threshold: record only after the last of them.
    if (next === undefined || scores[next] !== scores[i]) {
      counts.thresholds.push(scores[i] ?? NaN);
      counts.truePositives.push(tp);
      counts.predicted.push(k + 1);
    }
  }
  counts.positives = tp;
  return counts;
}

/** The curve of `scores` against `positive` (1 = positive, 0 = negative), same length. */
export function precisionRecallCurve(scores: ArrayLike<number>, positive: ArrayLike<number>): PrecisionRecallCurve {
  const { thresholds, truePositives, predicted, positives } = thresholdCounts(scores, positive);
  const n = thresholds.length;
  const curve = {
    thresholds: new Float64Array(n),
    precision: new Float64Array(n),
    recall: new Float64Array(n),
  };
  for (let j = 0; j < n; j++) {
    const from = n - 1 - j;
    const tp = truePositives[from] ?? 0;
    curve.thresholds[j] = thresholds[from] ?? NaN;
    curve.precision[j] = tp / (predicted[from] ?? 1);
    curve.recall[j] = positives === 0 ? 1 : tp / positives;
  }
  return curve;
}

/**
 * `np.trapz(y, x)` over points in the given order; `round` is the precision of `x`, in which numpy
 * takes the differences.
 */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>, round: Rounding = exactRounding): number {
  const terms = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 0; i < terms.length; i++) {
    terms[i] = (round((x[i + 1] ?? NaN) - (x[i] ?? NaN)) * ((y[i + 1] ?? NaN) + (y[i] ?? NaN))) / 2;
  }
  return numpySum(terms);
}

/** Area under precision as a function of the threshold (tint `aup`); 0 for a single threshold. */
export function areaUnderPrecision(curve: PrecisionRecallCurve, round: Rounding = exactRounding): number {
  return curve.thresholds.length < 2 ? 0 : trapezoid(curve.thresholds, curve.precision, round);
}

/** Area under recall as a function of the threshold (tint `aur`); 0 for a single threshold. */
export function areaUnderRecall(curve: PrecisionRecallCurve, round: Rounding = exactRounding): number {
  return curve.thresholds.length < 2 ? 0 : trapezoid(curve.thresholds, curve.recall, round);
}

/** sklearn `average_precision_score`: Σ_j (R_j − R_{j+1}) P_j, a step sum with R_{J+1} = 0. */
export function averagePrecision(curve: PrecisionRecallCurve): number {
  const { precision, recall } = curve;
  const terms = new Float64Array(recall.length);
  for (let j = 0; j < recall.length; j++) terms[j] = ((recall[j] ?? 0) - (recall[j + 1] ?? 0)) * (precision[j] ?? 0);
  return numpySum(terms);
}

/**
 * `sklearn.metrics.auc(recall, precision)` over the whole sklearn curve, the final (recall 0,
 * precision 1) point included: the trapezoid "AUPRC" of TimeX++ Table 1 and ContraLSP's Rare script.
 */
export function trapezoidPrecisionRecallArea(curve: PrecisionRecallCurve): number {
  // Recall falls as the threshold rises, so sklearn flips the sign of the (negative) trapezoid.
  return -trapezoid([...curve.recall, 0], [...curve.precision, 1]);
}
