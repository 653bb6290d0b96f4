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
 * below 1e-12 of the centre's, so it cannot move a float32 sum, and the T×T kernel shrinks to T×(2W+1).
 */
export function gaussianBlur(sigmaMax: number): DynamaskPerturbation {
  return (x, kept) => {
    const g = x.tracer;
    const steps = x.shape[1] ?? 1;
    const reach = Math.min(steps - 1, Math.ceil(7.5 * sigmaMax));
    const taps = 2 * reach + 1;
    const sources: number[] = [];
    const valid: number[] = [];
    for (let k = -reach; k <= reach; k++) {
      for (let t = 0; t < steps; t++) {
        const s = t + k;
        sources.push(s + reach);
        valid.push(s >= 0 && s < steps ? 1 : 0);
      }
    }
    // shifted[b, k, t, d] = x[b, t + k, d], zero outside the window (its weight is zero too).
    const padded = x.pad([0, reach, 0, 0, reach, 0]);
    const shifted = padded.gather(g.constant(fromNumbers('int64', [taps, steps], sources)), 1);
    const squaredOffsets = Array.from({ length: taps }, (_, i) => (i - reach) ** 2);
    const tapAxis = kept.rank - 2;
    const sigma = kept
      .neg()
      .add(1 + 1e-7)
      .mul(sigmaMax)
      .unsqueeze([tapAxis]);
    const weights = g
      .constant(fromNumbers('float32', [taps, 1, 1], squaredOffsets))
      .div(sigma.mul(sigma).mul(-2))
      .exp()
      .mul(g.constant(fromNumbers('float32', [taps, steps, 1], valid)));
    return weights
      .mul(shifted)
      .reduceSum([tapAxis])
      .div(weights.reduceSum([tapAxis]));
  };
}
