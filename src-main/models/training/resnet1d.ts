import type { Tensor } from '../../engine/ir';
import type { Traced } from '../../engine/trace';
import { AppError } from '../../errors';
import { batchNormInference, batchNormTraining, filled, updateRunningStatistics } from './batch-norm';
import type { BatchNormOptions, BatchStatistics } from './batch-norm';
import { uniform } from './networks';
import type { Network, NetworkShape, ValueLookup } from './networks';

export interface Resnet1dOptions {
  /** Output channels of each stage: one residual block each; every stage after the first halves the length. */
  readonly channels: readonly number[];
  /** Odd kernel length, padded to keep the length (before a stage's stride). */
  readonly kernel: number;
  readonly batchNorm: BatchNormOptions;
}

/** Normalises the Conv features [B, C, T] of the norm called `name`. */
type Normalise = (name: string, h: Traced) => Traced;

/**
 * A 1-D ResNet for ECG windows (He et al. 2016's basic block, as in the ECG ResNets): a stem
 * Conv → BN → ReLU, then per stage Conv(stride) → BN → ReLU → Conv → BN plus a shortcut (a 1×1
 * Conv where the width or the length changes) → ReLU; global average over time, linear head.
 * The convolutions before a norm have no bias (the norm's shift takes its place). Training
 * normalises by each batch's statistics and moves the running ones towards them; inference reads
 * the running statistics.
 */
export function resnet1d(shape: NetworkShape, options: Resnet1dOptions): Network {
  const { channels, kernel, batchNorm } = options;
  if (channels.length === 0 || !Number.isInteger(kernel) || kernel < 1 || kernel % 2 === 0) {
    throw new AppError(
      'invalid-request',
      `resnet1d: expected at least one stage and an odd kernel length, got channels [${channels.join(', ')}] and kernel ${kernel}`,
    );
  }
  const half = Math.floor(kernel / 2);
  const norms = normNames(channels.length);
  const stages = channels.map((out, i) => ({
    in: i === 0 ? out : (channels[i - 1] ?? 0),
    out,
    stride: i === 0 ? 1 : 2,
  }));
  const last = channels[channels.length - 1] ?? 0;

  const body = (x: Traced, param: ValueLookup, normalise: Normalise): Traced => {
    const conv = (h: Traced, name: string, stride = 1, pad = half): Traced =>
      h.conv(param(`${name}.weight`), undefined, { pads: [pad, pad], strides: [stride] });
    let h = normalise('stem.norm', conv(x.transpose([0, 2, 1]), 'stem.conv')).relu();
    stages.forEach((stage, i) => {
      const block = `block${i}`;
      const inner = normalise(`${block}.norm1`, conv(h, `${block}.conv1`, stage.stride)).relu();
      const residual = normalise(`${block}.norm2`, conv(inner, `${block}.conv2`));
      const shortcut = hasProjection(stage)
        ? h.conv(param(`${block}.shortcut.weight`), param(`${block}.shortcut.bias`), { strides: [stage.stride] })
        : h;
      h = residual.add(shortcut).relu();
    });
    return h.reduceMean([2]).matmul(param('head.weight')).add(param('head.bias'));
  };

  const runningNames = (norm: string): [string, string] => [`${norm}.runningMean`, `${norm}.runningVariance`];
  return {
    architecture: `resnet1d(channels=${channels.join(',')}, kernel=${kernel})`,
    shape,
    init(rng) {
      const params = new Map<string, Tensor>();
      const convWeight = (name: string, out: number, input: number, length: number): void => {
        params.set(name, uniform(rng, [out, input, length], input * length));
      };
      convWeight('stem.conv.weight', channels[0] ?? 0, shape.channels, kernel);
      stages.forEach((stage, i) => {
        convWeight(`block${i}.conv1.weight`, stage.out, stage.in, kernel);
        convWeight(`block${i}.conv2.weight`, stage.out, stage.out, kernel);
        if (hasProjection(stage)) {
          convWeight(`block${i}.shortcut.weight`, stage.out, stage.in, 1);
          params.set(`block${i}.shortcut.bias`, uniform(rng, [stage.out], stage.in));
        }
      });
      for (const [norm, width] of norms.map((n, i) => [n, normWidth(i, stages)] as const)) {
        params.set(`${norm}.scale`, filled(width, 1));
        params.set(`${norm}.bias`, filled(width, 0));
      }
      params.set('head.weight', uniform(rng, [last, shape.outputs], last));
      params.set('head.bias', uniform(rng, [shape.outputs], last));
      return params;
    },
    forward(x, value) {
      return body(x, value, (norm, h) => {
        const [mean, variance] = runningNames(norm).map(value) as [Traced, Traced];
        const running = { mean, variance };
        return batchNormInference(
          h,
          value(`${norm}.scale`),
          value(`${norm}.bias`),
          running,
          batchNorm.epsilon,
          'channels-first',
        );
      });
    },
    training: {
      initBuffers: () =>
        new Map(
          norms.flatMap((norm, i) => {
            const [mean, variance] = runningNames(norm);
            const width = normWidth(i, stages);
            return [
              [mean, filled(width, 0)],
              [variance, filled(width, 1)],
            ];
          }),
        ),
      draw: () => new Map(),
      forward(x, param) {
        const statistics: Record<string, Traced> = {};
        const record = (norm: string, measured: BatchStatistics): void => {
          const [mean, variance] = runningNames(norm);
          statistics[mean] = measured.mean;
          statistics[variance] = measured.variance;
        };
        const outputs = body(x, param, (norm, h) => {
          const normed = batchNormTraining(
            h,
            param(`${norm}.scale`),
            param(`${norm}.bias`),
            batchNorm.epsilon,
            'channels-first',
          );
          record(norm, normed.statistics);
          return normed.y;
        });
        return { outputs, statistics };
      },
      update: (buffers, statistics) => updateRunningStatistics(buffers, statistics, batchNorm.momentum),
    },
  };
}

interface Stage {
  readonly in: number;
  readonly out: number;
  readonly stride: number;
}

function hasProjection(stage: Stage): boolean {
  return stage.in !== stage.out || stage.stride !== 1;
}

/** The norms in order: the stem's, then two per stage. */
function normNames(stages: number): string[] {
  return ['stem.norm', ...Array.from({ length: stages }, (_, i) => [`block${i}.norm1`, `block${i}.norm2`]).flat()];
}

/** Channels of norm `index` in `normNames` order. */
function normWidth(index: number, stages: readonly Stage[]): number {
  return index === 0 ? (stages[0]?.out ?? 0) : (stages[Math.floor((index - 1) / 2)]?.out ?? 0);
}
