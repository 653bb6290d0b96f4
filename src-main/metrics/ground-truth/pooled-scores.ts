import type { Tensor } from '../../engine/ir';
import { mapValues, pairedMaps } from '../saliency-map';
import { minMaxNormalize } from './normalize';
import { roundingFor, type Rounding } from './numpy-arithmetic';

/** Scores and truth of the whole batch flattened into one vector (tint's metrics are global, not per example). */
export interface PooledScores {
  /** The attributions, min–max normalised per example when asked, in the attributions' precision. */
  readonly scores: Float64Array;
  /** 1 where the truth truncated toward 0 (torch `.int()`, so 0.7 → 0) is non-zero. */
  readonly salient: Uint8Array;
  /** The truth as given (soft truth for mae/mse/rmse). */
  readonly truth: ArrayLike<number>;
  readonly round: Rounding;
}

/**
 * Flattens attributions and truth ([N, T, F], one shape). `epsilon` null keeps the raw scores;
 * a number normalises each example with (a − min)/(max − min + ε).
 */
export function pooledScores(attributions: Tensor, truth: Tensor, epsilon: number | null): PooledScores {
  const shape = pairedMaps(attributions, 'attributions', truth, 'truth');
  const round = roundingFor(attributions.dtype);
  const raw = mapValues(attributions);
  const scores = epsilon === null ? Float64Array.from(raw) : minMaxNormalize(raw, shape.perExample, epsilon, round);
  const truthValues = mapValues(truth);
  const salient = new Uint8Array(truthValues.length);
  for (let i = 0; i < salient.length; i++) salient[i] = Math.trunc(truthValues[i] ?? 0) !== 0 ? 1 : 0;
  return { scores, salient, truth: truthValues, round };
}

/** The scores at the salient entries, in order. */
export function salientScores({ scores, salient }: PooledScores): Float64Array {
  return scores.filter((_, i) => salient[i] === 1);
}
