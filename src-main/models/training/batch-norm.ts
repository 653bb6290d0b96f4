import { tensor, toNumbers } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import type { Traced } from '../../engine/trace';
import { AppError } from '../../errors';

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
 * Where a feature map keeps its channels: last ([B, C] or [B, T, C], a recurrent state) or
 * second ([B, C, T], as Conv writes them).
 */
export type ChannelLayout = 'channels-last' | 'channels-first';

/**
 * Training-mode batch normalisation of `x` [B, C] over the batch axis (or of Conv features
 * [B, C, T] over the batch and time axes with 'channels-first'), written with primitives (the
 * engine has no training-mode BatchNormalization): normalised by the batch mean and the biased
 * batch variance, then scaled and shifted, as PyTorch does.
 */
export function batchNormTraining(
  x: Traced,
  scale: Traced,
  bias: Traced,
  epsilon: number,
  layout: ChannelLayout = 'channels-last',
): { y: Traced; statistics: BatchStatistics } {
  if (layout === 'channels-first') return batchNormTrainingChannelsFirst(x, scale, bias, epsilon);
  const batch = x.shape[0] ?? 0;
  const mean = x.reduceMean([0]);
  const centred = x.sub(mean);
  const biased = centred.mul(centred).reduceMean([0]);
  const y = centred.div(biased.add(epsilon).sqrt()).mul(scale).add(bias);
  return { y, statistics: { mean, variance: biased.mul(batch / (batch - 1)) } };
}

/** PyTorch's BatchNorm1d on [B, C, T]: one mean and variance per channel over B·T values. */
function batchNormTrainingChannelsFirst(
  x: Traced,
  scale: Traced,
  bias: Traced,
  epsilon: number,
): { y: Traced; statistics: BatchStatistics } {
  const [batch = 0, channels = 0, steps = 0] = x.shape;
  const count = batch * steps;
  const perChannel = (v: Traced): Traced => v.reshape([channels, 1]);
  const mean = x.reduceMean([0, 2], { keepdims: true });
  const centred = x.sub(mean);
  const biased = centred.mul(centred).reduceMean([0, 2], { keepdims: true });
  const y = centred.div(biased.add(epsilon).sqrt()).mul(perChannel(scale)).add(perChannel(bias));
  const flat = (v: Traced): Traced => v.reshape([channels]);
  return { y, statistics: { mean: flat(mean), variance: flat(biased).mul(count / (count - 1)) } };
}

/**
 * Inference-mode batch normalisation with frozen statistics over the channels of `x` ([B, C] or
 * [B, T, C], or [B, C, T] with 'channels-first'): ONNX's BatchNormalization (which normalises
 * axis 1), so the exported graph says what it is.
 */
export function batchNormInference(
  x: Traced,
  scale: Traced,
  bias: Traced,
  running: { mean: Traced; variance: Traced },
  epsilon: number,
  layout: ChannelLayout = 'channels-last',
): Traced {
  const g = x.tracer;
  const normalise = (v: Traced): Traced =>
    g.op('BatchNormalization', [v, scale, bias, running.mean, running.variance], { epsilon });
  if (x.rank === 2 || layout === 'channels-first') return normalise(x);
  return normalise(x.transpose([0, 2, 1])).transpose([0, 2, 1]);
}

/** A running statistic after one step: (1 − momentum)·running + momentum·batch, in float32 as PyTorch keeps it. */
export function updateRunningStatistic(running: Tensor, batch: Tensor, momentum: number): Tensor {
  const measured = toNumbers(batch);
  const next = Float32Array.from(toNumbers(running), (r, i) => (1 - momentum) * r + momentum * (measured[i] ?? NaN));
  return tensor('float32', running.shape, next);
}

/** Every buffer moved towards the statistic of the same name that a training step measured. */
export function updateRunningStatistics(
  buffers: ReadonlyMap<string, Tensor>,
  statistics: Readonly<Record<string, Tensor>>,
  momentum: number,
): Map<string, Tensor> {
  const next = new Map(buffers);
  for (const [name, running] of buffers) {
    const batch = statistics[name];
    if (!batch) throw new AppError('internal', `the training step returned no statistic for '${name}'`);
    next.set(name, updateRunningStatistic(running, batch, momentum));
  }
  return next;
}

/** A float32 vector of `length` copies of `value`: a norm's initial scale or shift, or a running statistic. */
export function filled(length: number, value: number): Tensor {
  return tensor('float32', [length], new Float32Array(length).fill(value));
}
