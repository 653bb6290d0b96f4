import { strides, takeElements, toNumbers } from '../ir';
import type { Tensor } from '../ir';
import type { Traced } from '../trace';
import type { NodeInfo, OpDefinition, VjpContext } from './definition';
import { normalizeAxis } from './shared/axes';
import { flatIndex, mapIndex } from './shared/host-index';
import { scatterToSource } from './shared/scatter';

function resolve(node: NodeInfo): { axis: number; shape: number[] } {
  const data = node.input(0).shape;
  const indices = node.input(1);
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') node.fail('indices must be int32 or int64');
  const axis = normalizeAxis(node.attrs.int('axis', 0), data.length, node);
  return { axis, shape: [...data.slice(0, axis), ...indices.shape, ...data.slice(axis + 1)] };
}

/** Source index in `data` of every output element, for indices known at build time. */
function sourceIndex(node: NodeInfo, indices: Tensor): Int32Array {
  const data = node.input(0).shape;
  const { axis, shape } = resolve(node);
  const dim = data[axis] ?? 0;
  const picks = toNumbers(indices).map((i) => (i < 0 ? i + dim : i));
  if (picks.some((i) => i < 0 || i >= dim)) node.fail(`an index is outside axis ${axis} of size ${dim}`);
  const dataStrides = strides(data);
  const indexStrides = strides(indices.shape);
  const q = indices.shape.length;
  return mapIndex(shape, (c) => {
    const pick = picks[flatIndex(c.slice(axis, axis + q), indexStrides)] ?? 0;
    return flatIndex([...c.slice(0, axis), pick, ...c.slice(axis + q)], dataStrides);
  });
}

export const Gather: OpDefinition = {
  op: 'Gather',
  infer: (node) => [{ dtype: node.input(0).dtype, shape: resolve(node).shape }],
  fold: (node) => {
    const [data, indices] = [node.value(0), node.value(1)];
    return data && indices ? [takeElements(data, resolve(node).shape, sourceIndex(node, indices))] : undefined;
  },
  vjp: (ctx) => [gatherGradient(ctx)],
};

/** Repeated indices accumulate (scatter with reduction 'add'). */
function gatherGradient({ dy, x, node, g }: VjpContext): Traced {
  const data = x(0).shape;
  const known = node.value(1);
  if (known) return scatterToSource(g, dy, data, sourceIndex(node, known), true);
  // Indices fed at run time: ScatterElements along `axis` with the indices broadcast over the other axes.
  const { axis } = resolve(node);
  const count = x(1).size;
  const flatShape = [...data.slice(0, axis), count, ...data.slice(axis + 1)];
  const indexShape = flatShape.map((d, k) => (k === axis ? d : 1));
  const indices = x(1).cast('int64').reshape(indexShape).expand(flatShape);
  const grad = g.op('ScatterElements', [g.zeros(data, dy.dtype), indices, dy.reshape(flatShape)], {
    axis,
    reduction: 'add',
  });
  return grad;
}
