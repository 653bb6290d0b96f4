import type { OpDefinition } from './definition';
import { reductionOp } from './shared/reduce';

export const ReduceL1: OpDefinition = reductionOp('ReduceL1', { vjp: ({ x, dy }) => x.sign().mul(dy) });
