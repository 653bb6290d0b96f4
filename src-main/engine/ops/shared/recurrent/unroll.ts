import { fromNumbers } from '../../../ir';
import type { DType } from '../../../ir';
import type { Traced, Tracer } from '../../../trace';
import type { VjpContext } from '../../definition';
import type { RecurrentConfig } from './recurrent-op';

/** A one-direction, time-major recurrent node seen as matrices, with the hidden state before every step. */
export interface Unrolled {
  readonly x: Traced;
  /** W and R of the direction as [gates × H, I] and [gates × H, H]. */
  readonly w: Traced;
  readonly r: Traced;
  /** The input and recurrence biases [gates × H], undefined without B. */
  readonly wb: Traced | undefined;
  readonly rb: Traced | undefined;
  /** H_{t-1} for every step t, in time order [T, B, H] (for a reverse node, H_{t+1}). */
  readonly previous: Traced;
  /** Steps in the order the node processed them. */
  readonly order: readonly number[];
  /** The same steps the other way round, for the backward recurrence. */
  readonly backwardOrder: readonly number[];
}

export function unroll({ x, input, output, g }: VjpContext, config: RecurrentConfig, gates: number): Unrolled {
  const { steps, batch, hidden, reverse } = config;
  const width = gates * hidden;
  const matrix = (v: Traced): Traced => v.reshape(v.shape.slice(1));
  const bias = input(3)?.reshape([2 * width]);
  const h0 = input(5) ?? g.zeros([1, batch, hidden], x(0).dtype);
  const states = output(0).reshape([steps, batch, hidden]);
  const shifted = steps === 1 ? [] : [reverse ? states.slice([1], [steps], [0]) : states.slice([0], [steps - 1], [0])];
  const order = Array.from({ length: steps }, (_, i) => (reverse ? steps - 1 - i : i));
  return {
    x: x(0),
    w: matrix(x(1)),
    r: matrix(x(2)),
    wb: bias?.slice([0], [width]),
    rb: bias?.slice([width], [2 * width]),
    previous: g.concat(reverse ? [...shifted, h0] : [h0, ...shifted], 0),
    order,
    backwardOrder: [...order].reverse(),
  };
}

/** v [T, B, K] times weight [N, K] transposed, plus bias [N]: one MatMul for all steps. */
export function project(v: Traced, weight: Traced, bias: Traced | undefined): Traced {
  const product = v.matmul(weight.transpose([1, 0]));
  return bias ? product.add(bias) : product;
}

/** The [T, …] tensor as T pieces [1, …], cut by one Split node. */
export function perStep(v: Traced): Traced[] {
  const steps = v.shape[0] ?? 1;
  return steps === 1 ? [v] : v.tracer.split(v, new Array<number>(steps).fill(1), 0);
}

/**
 * The gradient flowing into the hidden states: per step from Y (as [1, B, H], undefined when Y
 * gets none) and the carry entering the last processed step from the final-state output.
 */
export function stateGradients(
  ctx: VjpContext,
  config: RecurrentConfig,
  finalOutput: number,
): { perStep: readonly (Traced | undefined)[]; final: Traced } {
  const { steps, batch, hidden } = config;
  const gy = ctx.grad(0);
  const final = ctx.grad(finalOutput)?.reshape([1, batch, hidden]);
  return {
    perStep: gy ? perStep(gy.reshape([steps, batch, hidden])) : new Array<undefined>(steps),
    final: final ?? ctx.g.zeros([1, batch, hidden], ctx.x(0).dtype),
  };
}

/** Per-step values [1, …] in time order, stacked to [T, B, H]. */
export function stack(values: readonly Traced[], config: RecurrentConfig): Traced {
  const { steps, batch, hidden } = config;
  const g = values[0]?.tracer;
  const joined = g && values.length > 1 ? g.concat(values, 0) : (values[0] as Traced);
  return joined.reshape([steps, batch, hidden]);
}

/** Σ over steps and batch of left[t, b]ᵀ right[t, b], for [T, B, N] and [T, B, K]: one Gemm giving [N, K]. */
export function summedOuter(left: Traced, right: Traced): Traced {
  const flat = (v: Traced): Traced => v.reshape([(v.shape[0] ?? 1) * (v.shape[1] ?? 1), v.shape[2] ?? 1]);
  return left.tracer.gemm(flat(left), flat(right), undefined, { transA: true });
}

/** The identity matrix, to append a pass-through block to a recurrence weight. */
export function identity(g: Tracer, size: number, dtype: DType): Traced {
  const values = Array.from({ length: size * size }, (_, k) => (k % (size + 1) === 0 ? 1 : 0));
  return g.constant(fromNumbers(dtype, [size, size], values));
}

/** [T, B, H] coefficient tensors side by side as [T, B, n × H]. */
export function gateStack(g: Tracer, parts: readonly Traced[]): Traced {
  return g.concat(parts, 2);
}

/**
 * One backward step's carry: the per-gate gradients, the parts [1, B, H] side by side times the
 * step's coefficients [1, B, n × H], multiplied by the stacked recurrence weights [n × H, H]: the
 * whole recurrence of a step in one MatMul.
 */
export function gatedProjection(parts: readonly Traced[], coefficients: Traced, weight: Traced): Traced {
  return coefficients.tracer.concat(parts, 2).mul(coefficients).matmul(weight);
}

/** Per-step gradients [T, B, H] times the gate coefficients [T, B, n × H]. */
export function spread(d: Traced, coefficients: Traced): Traced {
  const blocks = (coefficients.shape[2] ?? 1) / (d.shape[2] ?? 1);
  return d.tracer.concat(new Array<Traced>(blocks).fill(d), 2).mul(coefficients);
}

/**
 * Gradients of X, W, R and B from the pre-activation gradients of all steps: `inputSide` of the
 * input projections, `recurrentSide` of the recurrence projections (whose right operand is the
 * previous state, unless `recurrentWeight` gives dR directly).
 */
export function parameterGradients(
  ctx: VjpContext,
  u: Unrolled,
  inputSide: Traced,
  recurrentSide: Traced,
  recurrentWeight?: Traced,
): (Traced | undefined)[] {
  const { g, needs } = ctx;
  const width = inputSide.shape[2] ?? 1;
  const outer = summedOuter;
  return [
    needs(0) ? inputSide.matmul(u.w) : undefined,
    needs(1) ? outer(inputSide, u.x).unsqueeze([0]) : undefined,
    needs(2) ? (recurrentWeight ?? outer(recurrentSide, u.previous)).unsqueeze([0]) : undefined,
    needs(3)
      ? g.concat([inputSide.reduceSum([0, 1]), recurrentSide.reduceSum([0, 1])], 0).reshape([1, 2 * width])
      : undefined,
  ];
}
