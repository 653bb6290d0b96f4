import { formatShape } from '../ir';
import type { Traced } from '../trace';
import type { NodeInfo, OpDefinition } from './definition';
import { broadcastShapes, unbroadcast } from './shared/broadcast';
import { commonDtype } from './shared/elementwise';

function outShape(node: NodeInfo): number[] {
  const [a, b] = [node.input(0).shape, node.input(1).shape];
  if (a.length !== 2 || b.length !== 2) node.fail('A and B must be matrices');
  const transA = node.attrs.int('transA', 0) === 1;
  const transB = node.attrs.int('transB', 0) === 1;
  const [m, k] = transA ? [a[1], a[0]] : [a[0], a[1]];
  const [k2, n] = transB ? [b[1], b[0]] : [b[0], b[1]];
  if (k !== k2) node.fail(`inner dimensions of ${formatShape(a)} and ${formatShape(b)} differ`);
  const out = [m ?? 1, n ?? 1];
  const c = node.optionalInput(2);
  // C broadcasts to the result in one direction only.
  if (c && broadcastShapes([out, c.shape], node).join() !== out.join()) {
    node.fail(`C ${formatShape(c.shape)} does not broadcast to ${formatShape(out)}`);
  }
  return out;
}

/** Y = alpha A' B' + beta C. */
export const Gemm: OpDefinition = {
  op: 'Gemm',
  infer: (node) => [{ dtype: commonDtype(node, [0, 1, 2]), shape: outShape(node) }],
  vjp: ({ dy, x, input, needs, attrs, g }) => {
    const [a, b, c] = [x(0), x(1), input(2)];
    const alpha = attrs.float('alpha', 1);
    const transA = attrs.int('transA', 0) === 1;
    const transB = attrs.int('transB', 0) === 1;
    const gemm = (p: Traced, q: Traced, tp: boolean, tq: boolean): Traced =>
      g.gemm(p, q, undefined, { alpha, transA: tp, transB: tq });
    // One Gemm per gradient, the transposes folded into its flags.
    const da = transA ? gemm(b, dy, transB, true) : gemm(dy, b, false, !transB);
    const db = transB ? gemm(dy, a, true, transA) : gemm(a, dy, !transA, false);
    const beta = attrs.float('beta', 1);
    return [
      needs(0) ? da : undefined,
      needs(1) ? db : undefined,
      c && needs(2) ? unbroadcast(beta === 1 ? dy : dy.mul(beta), c.shape) : undefined,
    ];
  },
};
