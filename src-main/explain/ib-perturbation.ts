import type { Rng } from '../engine';
import type { IbSettings } from './ib-params';
import type { WindowShape } from './window-inputs';

/**
 * The gradient-free IB explainer's sampling and perturbation operator (ib-gradient-free.md §2.2):
 * K masks M ~ Bern(π) per input, and X̃ = M ⊙ X + (1 − M) ⊙ B with B the reference's per-(t, d)
 * mean, or a fresh N(mean, std²) draw per mask.
 */

export interface ReferenceStatistics {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** Per-(t, d) mean and unbiased std of the reference rows. */
export function referenceStatistics(rows: Float32Array, shape: WindowShape): ReferenceStatistics {
  const frame = shape.time * shape.features;
  const mean = new Float64Array(frame);
  const std = new Float64Array(frame);
  for (let n = 0; n < shape.batch; n++) {
    for (let j = 0; j < frame; j++) mean[j] = (mean[j] ?? 0) + (rows[n * frame + j] ?? 0);
  }
  mean.forEach((s, j) => (mean[j] = s / shape.batch));
  for (let n = 0; n < shape.batch; n++) {
    for (let j = 0; j < frame; j++) std[j] = (std[j] ?? 0) + ((rows[n * frame + j] ?? 0) - (mean[j] ?? 0)) ** 2;
  }
  std.forEach((s, j) => (std[j] = Math.sqrt(s / Math.max(1, shape.batch - 1))));
  return { mean, std };
}

/** Writes one baseline row at `at`: the mean, or a fresh N(mean, std²) draw per cell. */
export function fillBaseline(
  into: Float32Array,
  at: number,
  statistics: ReferenceStatistics,
  kind: IbSettings['baseline'],
  noise: Rng,
): void {
  if (kind === 'mean') {
    into.set(statistics.mean, at);
    return;
  }
  const draws = noise.normal([statistics.mean.length], { dtype: 'float64' }).data as Float64Array;
  statistics.mean.forEach((m, j) => (into[at + j] = m + (statistics.std[j] ?? 0) * (draws[j] ?? 0)));
}

export interface MaskDraw {
  /** The inputs [B, T, D]. */
  readonly x: Float32Array;
  /** Their keep probabilities [B, T, D′], D′ = D per cell or 1 per time step. */
  readonly pi: Float32Array;
  readonly shape: WindowShape;
  readonly width: number;
  readonly masksPerInput: number;
}

/**
 * K masks per input, [B, K, T, D′] (cell (t, d′) kept with probability π), and the perturbed rows
 * [B·K, T, D] in the same order: kept cells from the input, the others from the baseline. A
 * per-step mask keeps or replaces all channels of its step.
 */
export function sampleMasks(
  draw: MaskDraw,
  statistics: ReferenceStatistics,
  baseline: IbSettings['baseline'],
  rngs: { readonly masks: Rng; readonly noise: Rng },
): { masks: Float32Array; perturbed: Float32Array } {
  const { x, pi, shape, width, masksPerInput: K } = draw;
  const { time, features } = shape;
  const frame = time * features;
  const spread = width === 1 ? features : 1;
  const masks = new Float32Array(shape.batch * K * time * width);
  const perturbed = new Float32Array(shape.batch * K * frame);
  for (let i = 0; i < shape.batch; i++) {
    for (let k = 0; k < K; k++) {
      const row = i * K + k;
      fillBaseline(perturbed, row * frame, statistics, baseline, rngs.noise);
      for (let t = 0; t < time; t++) {
        for (let c = 0; c < width; c++) {
          if (rngs.masks.next() >= (pi[(i * time + t) * width + c] ?? 0)) continue;
          masks[(row * time + t) * width + c] = 1;
          for (let d = c; d < c + spread; d++) {
            perturbed[row * frame + t * features + d] = x[i * frame + t * features + d] ?? 0;
          }
        }
      }
    }
  }
  return { masks, perturbed };
}
