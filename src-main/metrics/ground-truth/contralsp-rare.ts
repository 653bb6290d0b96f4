import type { Tensor } from '../../engine/ir';
import { entropyOf, informationOf } from './information-entropy';
import { pooledScores, salientScores } from './pooled-scores';
import { precisionRecallCurve, trapezoid, trapezoidPrecisionRecallArea } from './precision-recall';

/**
 * The Rare-Time / Rare-Observation definitions of ContraLSP Table 1 (also Dynamask's Rare
 * experiments), which differ from tint's (`tint-white-box.ts`, Table 2):
 * - AUP and AUR take the **raw** scores and pair the thresholds with the curve shifted by one
 *   (`prec[1:]`, `rec[1:]`, so the last threshold meets sklearn's final (1, 0) point);
 * - I_m and S_m normalise each example with (a − min)/(max − min), no ε (a constant map gives NaN).
 * All over the pooled N·T·F entries.
 */

/** AUP over the raw scores, shifted curve (ContraLSP Table 1); 0 for a single threshold. */
export function contralspRareAup(attributions: Tensor, truth: Tensor): number {
  const { scores, salient, round } = pooledScores(attributions, truth, null);
  const curve = precisionRecallCurve(scores, salient);
  if (curve.thresholds.length < 2) return 0;
  return trapezoid(curve.thresholds, [...curve.precision.subarray(1), 1], round);
}

/** AUR over the raw scores, shifted curve (ContraLSP Table 1); 0 for a single threshold. */
export function contralspRareAur(attributions: Tensor, truth: Tensor): number {
  const { scores, salient, round } = pooledScores(attributions, truth, null);
  const curve = precisionRecallCurve(scores, salient);
  if (curve.thresholds.length < 2) return 0;
  return trapezoid(curve.thresholds, [...curve.recall.subarray(1), 0], round);
}

/** Crabbé's I_m with the ε-free normaliser (ContraLSP Table 1, reported as I/10^4). */
export function contralspRareInformation(attributions: Tensor, truth: Tensor): number {
  const pooled = pooledScores(attributions, truth, 0);
  return informationOf(salientScores(pooled), pooled.round);
}

/** Crabbé's S_m with the ε-free normaliser (ContraLSP Table 1, reported as S/10^2). */
export function contralspRareEntropy(attributions: Tensor, truth: Tensor): number {
  const pooled = pooledScores(attributions, truth, 0);
  return entropyOf(salientScores(pooled), pooled.round);
}

/**
 * The "AUPRC" ContraLSP's Rare script prints: trapezoid area under (recall, precision) of the raw
 * pooled scores. Not a table column; a different number from tint's average precision.
 */
export function contralspRareTrapezoidAuprc(attributions: Tensor, truth: Tensor): number {
  const { scores, salient } = pooledScores(attributions, truth, null);
  return trapezoidPrecisionRecallArea(precisionRecallCurve(scores, salient));
}
