import type { OpDefinition } from './definition';
import { reductionOp } from './shared/reduce';

export const ReduceSum: OpDefinition = reductionOp('ReduceSum', {
  fold: { init: 0, combine: (a, v) => a + v },
  vjp: ({ x, dy }) => dy.expand(x.shape),
});
