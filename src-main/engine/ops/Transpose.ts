import { formatShape } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';
import { inversePermutation } from './shared/axes';
import { transposeTensor } from './shared/host-index';

function permutation(node: NodeInfo): readonly number[] {
  const rank = node.input(0).shape.length;
  const perm = node.attrs.ints(
    'perm',
    Array.from({ length: rank }, (_, i) => rank - 1 - i),
  );
  const sorted = [...perm].sort((a, b) => a - b);
  if (perm.length !== rank || sorted.some((p, i) => p !== i)) {
    node.fail(`perm ${formatShape(perm)} is not a permutation of ${rank} axes`);
  }
  return perm;
}

export const Transpose: OpDefinition = {
  op: 'Transpose',
  infer: (node) => {
    const x = node.input(0);
    return [{ dtype: x.dtype, shape: permutation(node).map((p) => x.shape[p] ?? 1) }];
  },
  fold: (node) => {
    const x = node.value(0);
    return x ? [transposeTensor(x, permutation(node))] : undefined;
  },
  vjp: ({ dy, node }) => [dy.transpose(inversePermutation(permutation(node)))],
};
