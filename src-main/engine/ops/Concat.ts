import { allocate, copyElements, formatShape, strides, tensor } from '../ir';
import type { Tensor, ValueType } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';
import { normalizeAxis } from './shared/axes';
import { commonDtype } from './shared/elementwise';
import { flatIndex, mapIndex } from './shared/host-index';

function resolve(node: NodeInfo): { axis: number; out: ValueType } {
  const first = node.input(0);
  const axis = normalizeAxis(node.attrs.int('axis'), first.shape.length, node);
  const dtype = commonDtype(
    node,
    Array.from({ length: node.inputCount }, (_, i) => i),
  );
  let size = 0;
  for (let i = 0; i < node.inputCount; i++) {
    const shape = node.input(i).shape;
    if (shape.length !== first.shape.length || shape.some((d, k) => k !== axis && d !== first.shape[k])) {
      node.fail(`input ${i} ${formatShape(shape)} does not match input 0 outside axis ${axis}`);
    }
    size += shape[axis] ?? 0;
  }
  return { axis, out: { dtype, shape: first.shape.map((d, k) => (k === axis ? size : d)) } };
}

export const Concat: OpDefinition = {
  op: 'Concat',
  infer: (node) => [resolve(node).out],
  fold: (node) => {
    const parts: Tensor[] = [];
    for (let i = 0; i < node.inputCount; i++) {
      const v = node.value(i);
      if (!v) return undefined;
      parts.push(v);
    }
    const { axis, out } = resolve(node);
    const data = allocate(
      out.dtype,
      out.shape.reduce((a, b) => a * b, 1),
    );
    const outStrides = strides(out.shape);
    let offset = 0;
    for (const part of parts) {
      const start = offset;
      copyElements(
        part.data,
        data,
        mapIndex(part.shape, (c) =>
          flatIndex(
            c.map((v, k) => (k === axis ? v + start : v)),
            outStrides,
          ),
        ),
      );
      offset += part.shape[axis] ?? 0;
    }
    return [tensor(out.dtype, out.shape, data)];
  },
  vjp: ({ dy, x, node, g }) => {
    const { axis } = resolve(node);
    const sizes = Array.from({ length: node.inputCount }, (_, i) => x(i).shape[axis] ?? 0);
    return sizes.length === 1 ? [dy] : g.split(dy, sizes, axis);
  },
};
