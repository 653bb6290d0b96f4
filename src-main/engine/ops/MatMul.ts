import { formatShape } from '../ir';
import type { Traced } from '../trace';
import type { NodeInfo, OpDefinition } from './definition';
import { broadcastShapes, unbroadcast } from './shared/broadcast';
import { commonDtype } from './shared/elementwise';

/** numpy matmul shapes: a 1-D operand is lifted to a matrix, and its extra axis dropped from the result. */
function outShape(node: NodeInfo): number[] {
  const [a, b] = [node.input(0).shape, node.input(1).shape];
  if (a.length === 0 || b.length === 0) node.fail('MatMul needs operands of rank ≥ 1');
  const a2 = a.length === 1 ? [1, ...a] : a;
  const b2 = b.length === 1 ? [...b, 1] : b;
  if (a2[a2.length - 1] !== b2[b2.length - 2]) {
    node.fail(`inner dimensions of ${formatShape(a)} and ${formatShape(b)} differ`);
  }
  const batch = broadcastShapes([a2.slice(0, -2), b2.slice(0, -2)], node);
  const rows = a.length === 1 ? [] : [a2[a2.length - 2] ?? 1];
  const cols = b.length === 1 ? [] : [b2[b2.length - 1] ?? 1];
  return [...batch, ...rows, ...cols];
}

/** Swaps the last two axes. */
function swapLast(v: Traced): Traced {
  const perm = v.shape.map((_, i) => i);
  perm.splice(-2, 2, v.rank - 1, v.rank - 2);
  return v.transpose(perm);
}

export const MatMul: OpDefinition = {
  op: 'MatMul',
  infer: (node) => [{ dtype: commonDtype(node, [0, 1]), shape: outShape(node) }],
  vjp: ({ dy, x, needs }) => {
    const [a, b] = [x(0), x(1)];
    // Lift 1-D operands (and the gradient with them) to matrices; unbroadcast against the lifted shapes.
    const a2 = a.rank === 1 ? a.unsqueeze([0]) : a;
    const b2 = b.rank === 1 ? b.unsqueeze([1]) : b;
    const matrixAxes = (a.rank === 1 ? 0 : 1) + (b.rank === 1 ? 0 : 1);
    const rows = a2.shape[a2.rank - 2] ?? 1;
    const cols = b2.shape[b2.rank - 1] ?? 1;
    const g2 = matrixAxes === 2 ? dy : dy.reshape([...dy.shape.slice(0, dy.rank - matrixAxes), rows, cols]);
    const back = (grad: Traced, liftedShape: readonly number[], shape: readonly number[]): Traced => {
      const reduced = unbroadcast(grad, liftedShape);
      return reduced.shape.join() === shape.join() ? reduced : reduced.reshape(shape);
    };
    return [
      needs(0) ? back(g2.matmul(swapLast(b2)), a2.shape, a.shape) : undefined,
      needs(1) ? back(swapLast(a2).matmul(g2), b2.shape, b.shape) : undefined,
    ];
  },
};
