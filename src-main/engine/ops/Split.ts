import { formatShape, strides, takeElements } from '../ir';
import type { Traced } from '../trace';
import type { NodeInfo, OpDefinition } from './definition';
import { normalizeAxis } from './shared/axes';
import { flatIndex, mapIndex } from './shared/host-index';

function resolve(node: NodeInfo): { axis: number; sizes: number[] } {
  const shape = node.input(0).shape;
  const axis = normalizeAxis(node.attrs.int('axis', 0), shape.length, node);
  const dim = shape[axis] ?? 0;
  const sizes = node.optionalInput(1)
    ? node.constantInts(1, 'split')
    : Array.from({ length: node.outputCount }, (_, i) => {
        // Equal parts; with num_outputs (opset 18) the last part may be smaller.
        const part = Math.ceil(dim / node.outputCount);
        return Math.max(0, Math.min(part, dim - i * part));
      });
  if (sizes.length !== node.outputCount || sizes.reduce((a, b) => a + b, 0) !== dim) {
    node.fail(
      `split sizes ${formatShape(sizes)} do not cover axis ${axis} of size ${dim} in ${node.outputCount} outputs`,
    );
  }
  return { axis, sizes };
}

/** Split in its opset-13 form (sizes as an input); the `split` attribute and `num_outputs` are canonicalised. */
export const Split: OpDefinition = {
  op: 'Split',
  infer: (node) => {
    const x = node.input(0);
    const { axis, sizes } = resolve(node);
    return sizes.map((size) => ({ dtype: x.dtype, shape: x.shape.map((d, k) => (k === axis ? size : d)) }));
  },
  canonicalize: ({ g, node, inputs }) => {
    if (!node.attrs.has('split') && !node.attrs.has('num_outputs')) return undefined;
    const { axis, sizes } = resolve(node);
    return g.opN(
      'Split',
      [inputs[0], g.constant(sizes, 'int64')],
      { axis },
      { name: node.name, outputs: sizes.length },
    );
  },
  fold: (node) => {
    const x = node.value(0);
    if (!x) return undefined;
    const { axis, sizes } = resolve(node);
    const inStrides = strides(x.shape);
    let offset = 0;
    return sizes.map((size) => {
      const start = offset;
      offset += size;
      const shape = x.shape.map((d, k) => (k === axis ? size : d));
      return takeElements(
        x,
        shape,
        mapIndex(shape, (c) =>
          flatIndex(
            c.map((v, k) => (k === axis ? v + start : v)),
            inStrides,
          ),
        ),
      );
    });
  },
  vjp: ({ grad, output, node, g }) => {
    const { axis } = resolve(node);
    const parts = Array.from({ length: node.outputCount }, (_, i): Traced => {
      const out = output(i);
      return grad(i) ?? g.zeros(out.shape, out.dtype);
    });
    return [parts.length === 1 ? parts[0] : g.concat(parts, axis)];
  },
};
