import { fromNumbers } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';

function dims(node: NodeInfo): number[] {
  const shape = node.input(0).shape;
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + shape.length : v, 0), shape.length);
  return shape.slice(clamp(node.attrs.int('start', 0)), clamp(node.attrs.int('end', shape.length)));
}

/** Shape (with opset-15 start/end) is always known: every shape in the engine is static. */
export const Shape: OpDefinition = {
  op: 'Shape',
  infer: (node) => [{ dtype: 'int64', shape: [dims(node).length] }],
  fold: (node) => {
    const d = dims(node);
    return [fromNumbers('int64', [d.length], d)];
  },
  vjp: 'none',
};
