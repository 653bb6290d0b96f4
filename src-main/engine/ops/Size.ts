import { fromNumbers, numel } from '../ir';
import type { OpDefinition } from './definition';

export const Size: OpDefinition = {
  op: 'Size',
  infer: () => [{ dtype: 'int64', shape: [] }],
  fold: (node) => [fromNumbers('int64', [], [numel(node.input(0).shape)])],
  vjp: 'none',
};
