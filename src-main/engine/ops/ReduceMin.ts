import type { OpDefinition } from './definition';
import { extremumReductionGrad, reductionOp } from './shared/reduce';

export const ReduceMin: OpDefinition = reductionOp('ReduceMin', {
  fold: { init: Infinity, combine: Math.min },
  vjp: extremumReductionGrad,
});
