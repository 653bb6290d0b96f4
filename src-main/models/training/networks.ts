import { AppError } from '../../errors';
import type { Tensor } from '../../engine/ir';
import type { Rng } from '../../engine/program';
import type { Traced } from '../../engine/trace';

/** The window a network reads and the width of what it returns. */
export interface NetworkShape {
  readonly windowLength: number;
  readonly channels: number;
  readonly outputs: number;
}

/**
 * An architecture: seeded initial parameters, and the forward graph from windows [B, T, D] to
 * outputs [B, K] written with batch-agnostic ops only, so that the exported model takes any batch.
 */
export interface Network {
  readonly architecture: string;
  readonly shape: NetworkShape;
  init(rng: Rng): Map<string, Tensor>;
  forward(x: Traced, param: (name: string) => Traced): Traced;
}

export interface Cnn1dOptions {
  /** Output channels of each convolution (each followed by ReLU and max-pooling by 2). */
  readonly filters: readonly number[];
  /** Odd kernel length, padded to keep the length before pooling. */
  readonly kernel: number;
}

/** A 1-D CNN for ECG windows: [Conv → ReLU → MaxPool(2)] per layer, global average over time, linear head. */
export function cnn1d(shape: NetworkShape, options: Cnn1dOptions): Network {
  const { filters, kernel } = options;
  const half = Math.floor(kernel / 2);
  const widths = [shape.channels, ...filters];
  return {
    architecture: `cnn1d(filters=${filters.join(',')}, kernel=${kernel})`,
    shape,
    init(rng) {
      const params = new Map<string, Tensor>();
      filters.forEach((out, i) => {
        const fanIn = (widths[i] ?? 0) * kernel;
        params.set(`conv${i}.weight`, uniform(rng, [out, widths[i] ?? 0, kernel], fanIn));
        params.set(`conv${i}.bias`, uniform(rng, [out], fanIn));
      });
      const last = widths[widths.length - 1] ?? 0;
      params.set('head.weight', uniform(rng, [last, shape.outputs], last));
      params.set('head.bias', uniform(rng, [shape.outputs], last));
      return params;
    },
    forward(x, param) {
      let h = x.transpose([0, 2, 1]);
      filters.forEach((_, i) => {
        h = h
          .conv(param(`conv${i}.weight`), param(`conv${i}.bias`), { pads: [half, half] })
          .relu()
          .maxPool({ kernel: [2], strides: [2] });
      });
      return h.reduceMean([2]).matmul(param('head.weight')).add(param('head.bias'));
    },
  };
}

export interface GruOptions {
  readonly hidden: number;
}

/** A one-layer GRU (PyTorch's gate form, linear_before_reset = 1) whose last state feeds a linear head. */
export function gru(shape: NetworkShape, options: GruOptions): Network {
  const { hidden } = options;
  return {
    architecture: `gru(hidden=${hidden})`,
    shape,
    init(rng) {
      return new Map([
        ['gru.W', uniform(rng, [1, 3 * hidden, shape.channels], hidden)],
        ['gru.R', uniform(rng, [1, 3 * hidden, hidden], hidden)],
        ['gru.B', uniform(rng, [1, 6 * hidden], hidden)],
        ['head.weight', uniform(rng, [hidden, shape.outputs], hidden)],
        ['head.bias', uniform(rng, [shape.outputs], hidden)],
      ]);
    },
    forward(x, param) {
      const g = x.tracer;
      const inputs = [x.transpose([1, 0, 2]), param('gru.W'), param('gru.R'), param('gru.B')];
      const [, last] = g.opN('GRU', inputs, { hidden_size: hidden, linear_before_reset: 1 }, { outputs: 2 });
      if (!last) throw new AppError('internal', 'the GRU node gave no last state');
      return last.squeeze([0]).matmul(param('head.weight')).add(param('head.bias'));
    },
  };
}

/** PyTorch's default initialisation of Conv, Linear and GRU: U(−1/√fanIn, 1/√fanIn). */
function uniform(rng: Rng, shape: readonly number[], fanIn: number): Tensor {
  const bound = 1 / Math.sqrt(fanIn);
  return rng.uniform(shape, { low: -bound, high: bound });
}
