import type { OpDefinition } from './definition';
import { reductionOp } from './shared/reduce';

/** Forward and folding only (shape arithmetic); no gradient rule. */
export const ReduceProd: OpDefinition = reductionOp('ReduceProd', { fold: { init: 1, combine: (a, v) => a * v } });
