import { strides, takeElements } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';
import { flatIndex, mapIndex } from './shared/host-index';

function repeats(node: NodeInfo): number[] {
  const r = node.constantInts(1, 'repeats');
  if (r.length !== node.input(0).shape.length || r.some((v) => v < 0))
    node.fail('repeats needs one count ≥ 0 per axis');
  return r;
}

export const Tile: OpDefinition = {
  op: 'Tile',
  infer: (node) => {
    const x = node.input(0);
    const r = repeats(node);
    return [{ dtype: x.dtype, shape: x.shape.map((d, i) => d * (r[i] ?? 1)) }];
  },
  fold: (node) => {
    const x = node.value(0);
    if (!x) return undefined;
    const r = repeats(node);
    const shape = x.shape.map((d, i) => d * (r[i] ?? 1));
    const inStrides = strides(x.shape);
    return [
      takeElements(
        x,
        shape,
        mapIndex(shape, (c) =>
          flatIndex(
            c.map((v, k) => v % (x.shape[k] ?? 1)),
            inStrides,
          ),
        ),
      ),
    ];
  },
  // The output is [r0 copies of d0, …]: view it as [r0, d0, r1, d1, …] and sum the copies.
  vjp: ({ dy, x, node }) => {
    const shape = x(0).shape;
    const r = repeats(node);
    const interleaved = shape.flatMap((d, i) => [r[i] ?? 1, d]);
    return [
      dy
        .reshape(interleaved)
        .reduceSum(shape.map((_, i) => 2 * i))
        .reshape(shape),
    ];
  },
};
