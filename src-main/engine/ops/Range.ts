import { fromNumbers } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';

function values(node: NodeInfo): number[] {
  const [start, limit, delta] = [0, 1, 2].map(
    (i) => node.constantInts(i, ['start', 'limit', 'delta'][i] ?? '')[0] ?? 0,
  );
  const count = Math.max(0, Math.ceil(((limit ?? 0) - (start ?? 0)) / (delta ?? 1)));
  return Array.from({ length: count }, (_, i) => (start ?? 0) + i * (delta ?? 1));
}

/** Range needs its bounds at build time (its length is a shape). */
export const Range: OpDefinition = {
  op: 'Range',
  infer: (node) => [{ dtype: node.input(0).dtype, shape: [values(node).length] }],
  fold: (node) => {
    const v = values(node);
    return [fromNumbers(node.input(0).dtype, [v.length], v)];
  },
  vjp: 'none',
};
