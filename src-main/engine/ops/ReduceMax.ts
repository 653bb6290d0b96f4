import type { OpDefinition } from './definition';
import { extremumReductionGrad, reductionOp } from './shared/reduce';

export const ReduceMax: OpDefinition = reductionOp('ReduceMax', {
  fold: { init: -Infinity, combine: Math.max },
  vjp: extremumReductionGrad,
});
