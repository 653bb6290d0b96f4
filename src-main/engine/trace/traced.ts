import { numel, onnxTypeCode } from '../ir';
import type { DType } from '../ir';
import { engineDomain } from '../ops/definition';
import type { AttributeInit } from './attribute-init';
import { float } from './attribute-init';
import type { Tracer } from './tracer';

/** A number operand becomes a scalar constant of the other operand's element type. */
export type Operand = Traced | number;

export interface ReduceOptions {
  /** Keep reduced axes as size 1 (default false, as in numpy). */
  readonly keepdims?: boolean;
}

export interface ConvOptions {
  readonly strides?: readonly number[];
  readonly dilations?: readonly number[];
  /** ONNX order: all begins, then all ends. */
  readonly pads?: readonly number[];
  readonly group?: number;
}

export interface PoolOptions {
  readonly kernel: readonly number[];
  readonly strides?: readonly number[];
  readonly pads?: readonly number[];
  readonly dilations?: readonly number[];
  readonly ceilMode?: boolean;
  /** AveragePool only: count padding cells in the divisor. */
  readonly countIncludePad?: boolean;
}

/**
 * A value in a traced graph. Its methods add ONNX nodes to the graph it belongs to; shapes are
 * checked as each node is added.
 */
export class Traced {
  constructor(
    readonly tracer: Tracer,
    readonly name: string,
    readonly dtype: DType,
    readonly shape: readonly number[],
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  get size(): number {
    return numel(this.shape);
  }

  add(other: Operand): Traced {
    return this.binary('Add', other);
  }
  sub(other: Operand): Traced {
    return this.binary('Sub', other);
  }
  mul(other: Operand): Traced {
    return this.binary('Mul', other);
  }
  div(other: Operand): Traced {
    return this.binary('Div', other);
  }
  pow(other: Operand): Traced {
    return this.binary('Pow', other);
  }
  min(other: Operand): Traced {
    return this.binary('Min', other);
  }
  max(other: Operand): Traced {
    return this.binary('Max', other);
  }
  greater(other: Operand): Traced {
    return this.binary('Greater', other);
  }
  greaterOrEqual(other: Operand): Traced {
    return this.binary('GreaterOrEqual', other);
  }
  less(other: Operand): Traced {
    return this.binary('Less', other);
  }
  lessOrEqual(other: Operand): Traced {
    return this.binary('LessOrEqual', other);
  }
  equal(other: Operand): Traced {
    return this.binary('Equal', other);
  }
  and(other: Traced): Traced {
    return this.binary('And', other);
  }
  or(other: Traced): Traced {
    return this.binary('Or', other);
  }
  matmul(other: Traced): Traced {
    return this.binary('MatMul', other);
  }

  neg(): Traced {
    return this.unary('Neg');
  }
  abs(): Traced {
    return this.unary('Abs');
  }
  sign(): Traced {
    return this.unary('Sign');
  }
  exp(): Traced {
    return this.unary('Exp');
  }
  log(): Traced {
    return this.unary('Log');
  }
  sqrt(): Traced {
    return this.unary('Sqrt');
  }
  reciprocal(): Traced {
    return this.unary('Reciprocal');
  }
  not(): Traced {
    return this.unary('Not');
  }
  relu(): Traced {
    return this.unary('Relu');
  }
  sigmoid(): Traced {
    return this.unary('Sigmoid');
  }
  tanh(): Traced {
    return this.unary('Tanh');
  }
  softplus(): Traced {
    return this.unary('Softplus');
  }
  erf(): Traced {
    return this.unary('Erf');
  }
  selu(): Traced {
    return this.unary('Selu');
  }
  identity(): Traced {
    return this.unary('Identity');
  }
  leakyRelu(alpha = 0.01): Traced {
    return this.unary('LeakyRelu', { alpha: float(alpha) });
  }
  elu(alpha = 1): Traced {
    return this.unary('Elu', { alpha: float(alpha) });
  }
  hardSigmoid(alpha = 0.2, beta = 0.5): Traced {
    return this.unary('HardSigmoid', { alpha: float(alpha), beta: float(beta) });
  }
  gelu(approximate: 'none' | 'tanh' = 'none'): Traced {
    return this.unary('Gelu', { approximate });
  }
  softmax(axis = -1): Traced {
    return this.unary('Softmax', { axis });
  }
  logSoftmax(axis = -1): Traced {
    return this.unary('LogSoftmax', { axis });
  }
  /** Clamps to [min, max]; either bound may be left out. */
  clip(min?: number, max?: number): Traced {
    const bound = (v: number | undefined): Traced | undefined => (v === undefined ? undefined : this.scalar(v));
    return this.one('Clip', [this, bound(min), bound(max)]);
  }

  reduceSum(axes?: readonly number[], options?: ReduceOptions): Traced {
    return this.reduce('ReduceSum', axes, options);
  }
  reduceMean(axes?: readonly number[], options?: ReduceOptions): Traced {
    return this.reduce('ReduceMean', axes, options);
  }
  reduceMax(axes?: readonly number[], options?: ReduceOptions): Traced {
    return this.reduce('ReduceMax', axes, options);
  }
  reduceMin(axes?: readonly number[], options?: ReduceOptions): Traced {
    return this.reduce('ReduceMin', axes, options);
  }
  reduceL2(axes?: readonly number[], options?: ReduceOptions): Traced {
    return this.reduce('ReduceL2', axes, options);
  }
  reduceLogSumExp(axes?: readonly number[], options?: ReduceOptions): Traced {
    return this.reduce('ReduceLogSumExp', axes, options);
  }
  reduceSumSquare(axes?: readonly number[], options?: ReduceOptions): Traced {
    return this.reduce('ReduceSumSquare', axes, options);
  }

  reshape(shape: readonly number[]): Traced {
    if (shape.join() === this.shape.join()) return this;
    return this.one('Reshape', [this, this.ints(shape)]);
  }
  flatten(axis = 1): Traced {
    return this.unary('Flatten', { axis });
  }
  /** Permutes axes; without `perm` the axes are reversed. */
  transpose(perm?: readonly number[]): Traced {
    return this.unary('Transpose', perm ? { perm } : {});
  }
  squeeze(axes?: readonly number[]): Traced {
    return this.one('Squeeze', [this, axes ? this.ints(axes) : undefined]);
  }
  unsqueeze(axes: readonly number[]): Traced {
    return this.one('Unsqueeze', [this, this.ints(axes)]);
  }
  slice(
    starts: readonly number[],
    ends: readonly number[],
    axes?: readonly number[],
    steps?: readonly number[],
  ): Traced {
    const optional = (v: readonly number[] | undefined): Traced | undefined => (v ? this.ints(v) : undefined);
    return this.one('Slice', [this, this.ints(starts), this.ints(ends), optional(axes), optional(steps)]);
  }
  gather(indices: Traced | readonly number[], axis = 0): Traced {
    const index = indices instanceof Traced ? indices : this.ints(indices);
    return this.one('Gather', [this, index], { axis });
  }
  expand(shape: readonly number[]): Traced {
    return this.one('Expand', [this, this.ints(shape)]);
  }
  tile(repeats: readonly number[]): Traced {
    return this.one('Tile', [this, this.ints(repeats)]);
  }
  /** Pads with ONNX `pads` (all begins, then all ends). */
  pad(pads: readonly number[], options: { mode?: 'constant' | 'reflect' | 'edge'; value?: number } = {}): Traced {
    const value = options.value === undefined ? undefined : this.scalar(options.value);
    return this.one('Pad', [this, this.ints(pads), value], { mode: options.mode ?? 'constant' });
  }
  cast(dtype: DType): Traced {
    return this.one('Cast', [this], { to: onnxTypeCode(dtype) });
  }
  cumsum(axis: number, options: { exclusive?: boolean; reverse?: boolean } = {}): Traced {
    const attrs = { exclusive: options.exclusive ? 1 : 0, reverse: options.reverse ? 1 : 0 };
    return this.one('CumSum', [this, this.tracer.constant(axis, 'int64')], attrs);
  }
  /** The k largest (or smallest) values along `axis`, and their indices. */
  topk(k: number, options: { axis?: number; largest?: boolean } = {}): [Traced, Traced] {
    const attrs = { axis: options.axis ?? -1, largest: options.largest === false ? 0 : 1, sorted: 1 };
    const [values, indices] = this.tracer.opN('TopK', [this, this.ints([k])], attrs, { outputs: 2 });
    return [values as Traced, indices as Traced];
  }

  conv(weight: Traced, bias?: Traced, options: ConvOptions = {}): Traced {
    return this.one('Conv', [this, weight, bias], convAttributes(options));
  }
  convTranspose(
    weight: Traced,
    bias?: Traced,
    options: ConvOptions & { outputPadding?: readonly number[] } = {},
  ): Traced {
    const attrs = convAttributes(options);
    return this.one('ConvTranspose', [this, weight, bias], {
      ...attrs,
      ...(options.outputPadding ? { output_padding: options.outputPadding } : {}),
    });
  }
  maxPool(options: PoolOptions): Traced {
    return this.unary('MaxPool', poolAttributes(options));
  }
  averagePool(options: PoolOptions): Traced {
    return this.unary('AveragePool', {
      ...poolAttributes(options),
      count_include_pad: options.countIncludePad ? 1 : 0,
    });
  }
  globalAveragePool(): Traced {
    return this.unary('GlobalAveragePool');
  }
  globalMaxPool(): Traced {
    return this.unary('GlobalMaxPool');
  }
  /** Normalises over the axes from `axis` on, then scales and shifts. */
  layerNorm(scale: Traced, bias?: Traced, options: { axis?: number; epsilon?: number } = {}): Traced {
    const attrs = { axis: options.axis ?? -1, epsilon: float(options.epsilon ?? 1e-5) };
    return this.one('LayerNormalization', [this, scale, bias], attrs);
  }

  /** The same value, through which no gradient flows. */
  stopGradient(): Traced {
    return this.one('StopGradient', [this], {}, engineDomain);
  }

  private binary(op: string, other: Operand): Traced {
    return this.one(op, [this, typeof other === 'number' ? this.scalar(other) : other]);
  }

  private unary(op: string, attributes: Readonly<Record<string, AttributeInit>> = {}): Traced {
    return this.one(op, [this], attributes);
  }

  private reduce(op: string, axes: readonly number[] | undefined, options: ReduceOptions = {}): Traced {
    const all = axes ?? this.shape.map((_, i) => i);
    return this.one(op, [this, this.ints(all)], { keepdims: options.keepdims ? 1 : 0 });
  }

  private one(
    op: string,
    inputs: readonly (Traced | undefined)[],
    attributes: Readonly<Record<string, AttributeInit>> = {},
    domain = '',
  ): Traced {
    return this.tracer.op(op, inputs, attributes, { domain });
  }

  private scalar(value: number): Traced {
    return this.tracer.constant(value, this.dtype);
  }

  private ints(values: readonly number[]): Traced {
    return this.tracer.constant(values, 'int64');
  }
}

function convAttributes(options: ConvOptions): Record<string, AttributeInit> {
  return {
    ...(options.strides ? { strides: options.strides } : {}),
    ...(options.dilations ? { dilations: options.dilations } : {}),
    ...(options.pads ? { pads: options.pads } : {}),
    group: options.group ?? 1,
  };
}

function poolAttributes(options: PoolOptions): Record<string, AttributeInit> {
  return {
    kernel_shape: options.kernel,
    ...(options.strides ? { strides: options.strides } : {}),
    ...(options.pads ? { pads: options.pads } : {}),
    ...(options.dilations ? { dilations: options.dilations } : {}),
    ceil_mode: options.ceilMode ? 1 : 0,
  };
}
