import { AppError } from '../../errors';
import type { Tensor } from '../../engine/ir';
import type { Rng } from '../../engine/program';
import type { Traced } from '../../engine/trace';

/** The window a network reads and the width of what it returns (per window, or per time step). */
export interface NetworkShape {
  readonly windowLength: number;
  readonly channels: number;
  readonly outputs: number;
}

/** A graph value by name: a parameter, or a buffer in the inference graph. */
export type ValueLookup = (name: string) => Traced;

/**
 * An architecture: seeded initial parameters, and the inference graph from windows [B, T, D] to
 * outputs [B, K] ([B, T, K] with `perTimeStep`) written with batch-agnostic ops only, so that the
 * exported model takes any batch.
 */
export interface Network {
  readonly architecture: string;
  readonly shape: NetworkShape;
  /** Set when the network answers at every time step: `forward` gives [B, T, K]. */
  readonly perTimeStep?: boolean;
  /** Set when training runs a different graph (batch statistics, dropout) from `forward`. */
  readonly training?: TrainingMode;
  init(rng: Rng): Map<string, Tensor>;
  forward(x: Traced, value: ValueLookup): Traced;
}

/** What one training step's graph reads besides the windows and the parameters. */
export interface TrainingStepInputs {
  /** One-hot [T]: the time step whose output is trained (the last one for per-window targets). */
  readonly time: Traced;
  /** A random input drawn for the step by `TrainingMode.draw` (e.g. a dropout mask), declared with its shape. */
  drawn(name: string, shape: readonly number[]): Traced;
}

export interface TrainingGraph {
  /** [B, K]: the outputs at the selected time step. */
  readonly outputs: Traced;
  /** Batch statistics by buffer name, returned by the step and folded into the buffers by `update`. */
  readonly statistics: Readonly<Record<string, Traced>>;
}

/**
 * How a network trains when that differs from inference. Buffers are state that the gradient does
 * not train but each step updates from its batch statistics (BatchNorm's running mean and
 * variance); the inference graph reads them like parameters.
 */
export interface TrainingMode {
  initBuffers(): Map<string, Tensor>;
  /** The random inputs of one step for `batch` windows, drawn from the training generator. */
  draw(rng: Rng, batch: number): Map<string, Tensor>;
  forward(x: Traced, param: ValueLookup, inputs: TrainingStepInputs): TrainingGraph;
  /** The buffers after a step that measured `statistics`. */
  update(buffers: ReadonlyMap<string, Tensor>, statistics: Readonly<Record<string, Tensor>>): Map<string, Tensor>;
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
  return lastStateClassifier(RECURRENT_CELLS.GRU, shape, options.hidden);
}

/** The weights of a one-layer GRU (`gru.W`, `gru.R`, `gru.B` in ONNX's layout), initialised as PyTorch does. */
export function gruWeights(rng: Rng, channels: number, hidden: number): [string, Tensor][] {
  const { prefix, gates } = RECURRENT_CELLS.GRU;
  return recurrentWeights(rng, prefix, gates, channels, hidden);
}

/** W [1, gates·H, D], R [1, gates·H, H] and B [1, 2·gates·H] of a one-layer recurrent node, U(−1/√H, 1/√H). */
function recurrentWeights(
  rng: Rng,
  prefix: string,
  gates: number,
  channels: number,
  hidden: number,
): [string, Tensor][] {
  return [
    [`${prefix}.W`, uniform(rng, [1, gates * hidden, channels], hidden)],
    [`${prefix}.R`, uniform(rng, [1, gates * hidden, hidden], hidden)],
    [`${prefix}.B`, uniform(rng, [1, 2 * gates * hidden], hidden)],
  ];
}

/**
 * A one-layer GRU over windows [B, T, D] from a zero state: the hidden state at every step
 * [T, 1, B, H] (ONNX's layout) and the last one [B, H].
 */
export function gruLayer(x: Traced, param: ValueLookup, hidden: number): { every: Traced; last: Traced } {
  const { op, prefix, attributes } = RECURRENT_CELLS.GRU;
  return recurrentLayer(op, prefix, x, param, hidden, attributes);
}

/** One forward recurrent node (GRU or LSTM) over [B, T, D] from zero states: every hidden state, and the last. */
function recurrentLayer(
  op: 'GRU' | 'LSTM',
  prefix: string,
  x: Traced,
  param: ValueLookup,
  hidden: number,
  attributes: Readonly<Record<string, number>> = {},
): { every: Traced; last: Traced } {
  const g = x.tracer;
  const inputs = [x.transpose([1, 0, 2]), param(`${prefix}.W`), param(`${prefix}.R`), param(`${prefix}.B`)];
  const [every, last] = g.opN(op, inputs, { hidden_size: hidden, ...attributes }, { outputs: 2 });
  if (!every || !last) throw new AppError('internal', `the ${op} node gave no hidden states`);
  return { every, last: last.squeeze([0]) };
}

export interface LstmOptions {
  readonly hidden: number;
}

/**
 * A one-layer LSTM (ONNX's gates i, o, f, c; no peepholes) whose last hidden state feeds a linear
 * head, for the ICU cohort and the State/Switch data.
 */
export function lstm(shape: NetworkShape, options: LstmOptions): Network {
  return lastStateClassifier(RECURRENT_CELLS.LSTM, shape, options.hidden);
}

/** How each recurrent node is named, stacked and configured. */
const RECURRENT_CELLS = {
  GRU: { op: 'GRU', prefix: 'gru', gates: 3, attributes: { linear_before_reset: 1 } },
  LSTM: { op: 'LSTM', prefix: 'lstm', gates: 4, attributes: {} },
} as const;

type RecurrentCell = (typeof RECURRENT_CELLS)[keyof typeof RECURRENT_CELLS];

/** A one-layer recurrent node from a zero state whose last hidden state feeds a linear head. */
function lastStateClassifier(cell: RecurrentCell, shape: NetworkShape, hidden: number): Network {
  return {
    architecture: `${cell.prefix}(hidden=${hidden})`,
    shape,
    init(rng) {
      return new Map([
        ...recurrentWeights(rng, cell.prefix, cell.gates, shape.channels, hidden),
        ['head.weight', uniform(rng, [hidden, shape.outputs], hidden)],
        ['head.bias', uniform(rng, [shape.outputs], hidden)],
      ]);
    },
    forward(x, param) {
      const { last } = recurrentLayer(cell.op, cell.prefix, x, param, hidden, cell.attributes);
      return last.matmul(param('head.weight')).add(param('head.bias'));
    },
  };
}

/** PyTorch's default initialisation of Conv, Linear and GRU: U(−1/√fanIn, 1/√fanIn). */
export function uniform(rng: Rng, shape: readonly number[], fanIn: number): Tensor {
  const bound = 1 / Math.sqrt(fanIn);
  return rng.uniform(shape, { low: -bound, high: bound });
}
