import type { OpDefinition } from './definition';
import { reductionOp } from './shared/reduce';

// d||x||/dx = x / ||x||
export const ReduceL2: OpDefinition = reductionOp('ReduceL2', { vjp: ({ x, dy, y }) => x.mul(dy.div(y)) });
