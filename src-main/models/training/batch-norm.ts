import { tensor, toNumbers } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import type { Traced } from '../../engine/trace';

/** PyTorch's BatchNorm1d settings: ε added to the variance, and how far one step moves the running statistics. */
export interface BatchNormOptions {
  readonly epsilon: number;
  readonly momentum: number;
}

export const TORCH_BATCH_NORM: BatchNormOptions = { epsilon: 1e-5, momentum: 0.1 };

export interface BatchStatistics {
  /** [C] the batch mean. */
  readonly mean: Traced;
  /** [C] the unbiased batch variance: what the running variance moves towards (PyTorch). */
  readonly variance: Traced;
}

/**
 * Training-mode batch normalisation of `x` [B, C] over the batch axis, written with primitives
 * (the engine has no training-mode BatchNormalization): normalised by the batch mean and the
 * biased batch variance, then scaled and shifted, as PyTorch does.
 */
export function batchNormTraining(
  x: Traced,
  scale: Traced,
  bias: Traced,
  epsilon: number,
): { y: Traced; statistics: BatchStatistics } {
  const batch = x.shape[0] ?? 0;
  const mean = x.reduceMean([0]);
  const centred = x.sub(mean);
  const biased = centred.mul(centred).reduceMean([0]);
  const y = centred.div(biased.add(epsilon).sqrt()).mul(scale).add(bias);
  return { y, statistics: { mean, variance: biased.mul(batch / (batch - 1)) } };
}

/**
 * Inference-mode batch normalisation with frozen statistics over the last axis of `x` ([B, C] or
 * [B, T, C]): ONNX's BatchNormalization (which normalises axis 1), so the exported graph says what it is.
 */
export function batchNormInference(
  x: Traced,
  scale: Traced,
  bias: Traced,
  running: { mean: Traced; variance: Traced },
  epsilon: number,
): Traced {
  const g = x.tracer;
  const normalise = (v: Traced): Traced =>
    g.op('BatchNormalization', [v, scale, bias, running.mean, running.variance], { epsilon });
  if (x.rank === 2) return normalise(x);
  return normalise(x.transpose([0, 2, 1])).transpose([0, 2, 1]);
}

/** A running statistic after one step: (1 − momentum)·running + momentum·batch, in float32 as PyTorch keeps it. */
export function updateRunningStatistic(running: Tensor, batch: Tensor, momentum: number): Tensor {
  const measured = toNumbers(batch);
  const next = Float32Array.from(toNumbers(running), (r, i) => (1 - momentum) * r + momentum * (measured[i] ?? NaN));
  return tensor('float32', running.shape, next);
}
