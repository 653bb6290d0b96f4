import type { OpDefinition } from './definition';
import { reductionOp } from './shared/reduce';

export const ReduceMean: OpDefinition = reductionOp('ReduceMean', {
  fold: { init: 0, combine: (a, v) => a + v, finish: (a, n) => a / n },
  vjp: ({ x, dy, reduction }) => dy.div(reduction.count).expand(x.shape),
});
