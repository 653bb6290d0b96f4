import type { OpDefinition } from './definition';
import { reductionOp } from './shared/reduce';

export const ReduceSumSquare: OpDefinition = reductionOp('ReduceSumSquare', {
  vjp: ({ x, dy }) => x.mul(dy.mul(2)),
});
