import { fromNumbers, numel, strides, toNumbers } from '../../ir';
import type { Tensor, ValueType } from '../../ir';
import type { Traced } from '../../trace';
import type { CanonicalContext, NodeInfo, OpDefinition, VjpContext } from '../definition';
import { normalizeAxes } from './axes';

/** A reduction's axes and shapes, resolved from the node. */
export interface Reduction {
  readonly axes: readonly number[];
  /** The output shape with reduced axes kept as 1. */
  readonly keptShape: readonly number[];
  readonly outShape: readonly number[];
  /** Elements reduced into each output element. */
  readonly count: number;
}

/** Resolves axes (opset-18 input; empty means all unless noop_with_empty_axes). */
export function resolveReduction(node: NodeInfo): Reduction {
  const x = node.input(0);
  const given = node.optionalInput(1) ? node.constantInts(1, 'axes') : [];
  const noop = node.attrs.int('noop_with_empty_axes', 0) === 1;
  const axes = given.length > 0 ? normalizeAxes(given, x.shape.length, node) : noop ? [] : x.shape.map((_, i) => i);
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const keepdims = node.attrs.int('keepdims', 1) === 1;
  return {
    axes,
    keptShape,
    outShape: keepdims ? keptShape : x.shape.filter((_, i) => !axes.includes(i)),
    count: axes.reduce((n, a) => n * (x.shape[a] ?? 1), 1),
  };
}

/** What a reduction's gradient rule gets: the gradient and output with reduced axes kept as 1. */
export interface ReductionGrad {
  readonly x: Traced;
  readonly dy: Traced;
  readonly y: Traced;
  readonly reduction: Reduction;
}

interface ReductionSpec {
  /** Host fold: start value, combine, and finish (count → result). */
  readonly fold?: {
    init: number;
    combine: (acc: number, v: number) => number;
    finish?: (acc: number, n: number) => number;
  };
  readonly vjp?: (r: ReductionGrad, ctx: VjpContext) => Traced;
}

/** A Reduce* op in its opset-18 form (axes as an input); older forms are canonicalised. */
export function reductionOp(op: string, spec: ReductionSpec): OpDefinition {
  const { fold, vjp } = spec;
  return {
    op,
    infer: (node): ValueType[] => [{ dtype: node.input(0).dtype, shape: resolveReduction(node).outShape }],
    canonicalize: (ctx) => moveAxesToInput(ctx),
    ...(fold
      ? {
          fold: (node: NodeInfo) => {
            const x = node.value(0);
            return x ? [hostReduce(x, resolveReduction(node), fold)] : undefined;
          },
        }
      : {}),
    ...(vjp
      ? {
          vjp: (ctx: VjpContext) => {
            const reduction = resolveReduction(ctx.node);
            const r = {
              x: ctx.x(0),
              dy: ctx.dy.reshape(reduction.keptShape),
              y: ctx.output(0).reshape(reduction.keptShape),
              reduction,
            };
            return [vjp(r, ctx)];
          },
        }
      : {}),
  };
}

/** Opsets before 18 (13 for ReduceSum) give axes as an attribute. */
function moveAxesToInput({ g, node, inputs }: CanonicalContext): readonly Traced[] | undefined {
  if (!node.attrs.has('axes')) return undefined;
  const attributes = Object.fromEntries(Object.entries(node.attrs.attributes).filter(([name]) => name !== 'axes'));
  return [g.op(node.op, [inputs[0], g.constant(node.attrs.ints('axes'), 'int64')], attributes, { name: node.name })];
}

function hostReduce(x: Tensor, r: Reduction, spec: NonNullable<ReductionSpec['fold']>): Tensor {
  const values = toNumbers(x);
  const outStrides = strides(r.keptShape);
  const acc = new Array<number>(numel(r.keptShape)).fill(spec.init);
  const inStrides = strides(x.shape);
  values.forEach((v, flat) => {
    let target = 0;
    x.shape.forEach((_, axis) => {
      const c = Math.floor(flat / (inStrides[axis] ?? 1)) % (x.shape[axis] ?? 1);
      if (!r.axes.includes(axis)) target += c * (outStrides[axis] ?? 0);
    });
    acc[target] = spec.combine(acc[target] ?? spec.init, v);
  });
  const finish = spec.finish ?? ((a: number) => a);
  return fromNumbers(
    x.dtype,
    r.outShape,
    acc.map((a) => finish(a, r.count)),
  );
}

/** Max/Min: the gradient goes to the elements equal to the result, split evenly between ties. */
export function extremumReductionGrad({ x, dy, y, reduction }: ReductionGrad): Traced {
  const mask = x.equal(y).cast(x.dtype);
  return mask.mul(dy.div(mask.reduceSum(reduction.axes, { keepdims: true })));
}
