import type { Tensor } from '../../engine/ir';
import { entropyOf, informationOf } from './information-entropy';
import { TINT_EPSILON } from './normalize';
import { numpySum } from './numpy-arithmetic';
import { pooledScores, salientScores, type PooledScores } from './pooled-scores';
import { areaUnderPrecision, areaUnderRecall, averagePrecision, precisionRecallCurve } from './precision-recall';
import { rocAuc } from './roc-auc';

/**
 * tint's white-box metrics (`tint.metrics.white_box`): the definitions behind ContraLSP Table 2
 * (State / Switch-Feature: AUP, AUR, I_m, S_m) and tint's HMM experiment (plus AUPRC and AUROC).
 * Attributions and truth are [N, T, F] with one shape. The whole batch is pooled into one vector
 * (not averaged per example); the hard-label metrics take the truth's non-zero entries after
 * truncation toward 0. Float32 attributions are processed in float32, as tint does.
 */
export interface TintWhiteBoxOptions {
  /** Min–max normalise each example, (a − min)/(max − min + 1e-5), before the metric. Default true. */
  readonly normalize?: boolean;
}

function tintScores(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions): PooledScores {
  return pooledScores(attributions, truth, options.normalize === false ? null : TINT_EPSILON);
}

/** Area under precision as a function of the threshold (tint `aup`; higher is better). */
export function tintAup(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  const pooled = tintScores(attributions, truth, options);
  return areaUnderPrecision(precisionRecallCurve(pooled.scores, pooled.salient), pooled.round);
}

/** Area under recall as a function of the threshold (tint `aur`; higher is better). */
export function tintAur(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  const pooled = tintScores(attributions, truth, options);
  return areaUnderRecall(precisionRecallCurve(pooled.scores, pooled.salient), pooled.round);
}

/** sklearn average precision of the pooled scores (tint `auprc`; higher is better). */
export function tintAuprc(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  const pooled = tintScores(attributions, truth, options);
  return averagePrecision(precisionRecallCurve(pooled.scores, pooled.salient));
}

/** sklearn ROC AUC of the pooled scores (tint `roc_auc`; higher is better). Needs both classes. */
export function tintRocAuc(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  const pooled = tintScores(attributions, truth, options);
  return rocAuc(pooled.scores, pooled.salient, 'truth');
}

/** Σ over salient entries of |log2(1 − a' + 1e-5)| (tint `information`; higher is better). */
export function tintInformation(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  const pooled = tintScores(attributions, truth, options);
  return informationOf(salientScores(pooled), pooled.round);
}

/** Σ over salient entries of the binary entropy of a' in bits, ε 1e-5 (tint `entropy`; lower is better). */
export function tintEntropy(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  const pooled = tintScores(attributions, truth, options);
  return entropyOf(salientScores(pooled), pooled.round);
}

/** Mean absolute error against a soft truth (tint `mae`, sklearn formula, float64; lower is better). */
export function tintMae(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  return meanOfErrors(tintScores(attributions, truth, options), (d) => Math.abs(d));
}

/** Mean squared error against a soft truth (tint `mse`; lower is better). */
export function tintMse(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  return meanOfErrors(tintScores(attributions, truth, options), (d) => d * d);
}

/** Root mean squared error against a soft truth (tint `rmse`; lower is better). */
export function tintRmse(attributions: Tensor, truth: Tensor, options: TintWhiteBoxOptions = {}): number {
  return Math.sqrt(tintMse(attributions, truth, options));
}

function meanOfErrors({ scores, truth }: PooledScores, error: (difference: number) => number): number {
  const errors = Float64Array.from(scores, (s, i) => error(s - (truth[i] ?? NaN)));
  return numpySum(errors) / errors.length;
}
