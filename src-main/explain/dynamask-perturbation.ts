import { fromNumbers } from '../engine';
import type { Traced } from '../engine';

/**
 * Dynamask's perturbation operators π_m (spec §3.1). `x` is [B, T, D]; `kept` holds the masks
 * [..., B, T, D] (m, or 1 − m in deletion), the lead axes (areas) broadcast over x. Returns π(x)
 * shaped like `kept`.
 */
export type DynamaskPerturbation = (x: Traced, kept: Traced) => Traced;

/** Fade to moving average: m x + (1 − m) x̄, x̄ the sample's mean over time. */
export const fadeToMean: DynamaskPerturbation = (x, kept) => {
  const mean = x.reduceMean([1], { keepdims: true });
  return kept.mul(x.sub(mean)).add(mean);
};

/**
 * Gaussian blur: x'[t] = Σ_s w[s, t] x[s] / Σ_s w[s, t], w = exp(−(t − s)² / (2 σ[t]²)),
 * σ = σ_max (1 + 1e-7 − m). Only sources within ±W of t are summed: beyond 7.5 σ_max a weight is
 * below 1e-12 of the centre's, so it cannot move a float32 sum, and the T×T kernel shrinks to T×W.
 * The weights are even in k = s − t, so each offset pairs x[t − k] + x[t + k] (zero outside the
 * series, whose count of sources inside goes to the normaliser): half the offsets, w_0 = 1.
 */
export function gaussianBlur(sigmaMax: number): DynamaskPerturbation {
  return (x, kept) => {
    const g = x.tracer;
    const steps = x.shape[1] ?? 1;
    const reach = Math.min(steps - 1, Math.ceil(7.5 * sigmaMax));
    // One time step: nothing to blur (the result still takes the masks' shape).
    if (reach === 0) return kept.mul(0).add(x);
    const inside = (s: number): number => (s >= 0 && s < steps ? 1 : 0);
    const before: number[] = [];
    const after: number[] = [];
    const sources: number[] = [];
    for (let k = 1; k <= reach; k++) {
      for (let t = 0; t < steps; t++) {
        before.push(t - k + reach);
        after.push(t + k + reach);
        sources.push(inside(t - k) + inside(t + k));
      }
    }
    // pairs[b, k−1, t, d] = x[b, t − k, d] + x[b, t + k, d], zero outside the series.
    const padded = x.pad([0, reach, 0, 0, reach, 0]);
    const shifted = (index: number[]): Traced =>
      padded.gather(g.constant(fromNumbers('int64', [reach, steps], index)), 1);
    const pairs = shifted(before).add(shifted(after));
    const tapAxis = kept.rank - 2;
    const sigma = kept
      .neg()
      .add(1 + 1e-7)
      .mul(sigmaMax)
      .unsqueeze([tapAxis]);
    const squaredOffsets = Array.from({ length: reach }, (_, i) => (i + 1) ** 2);
    const weights = g
      .constant(fromNumbers('float32', [reach, 1, 1], squaredOffsets))
      .div(sigma.mul(sigma).mul(-2))
      .exp();
    const total = weights.mul(g.constant(fromNumbers('float32', [reach, steps, 1], sources))).reduceSum([tapAxis]);
    return weights.mul(pairs).reduceSum([tapAxis]).add(x).div(total.add(1));
  };
}
