import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Softplus: OpDefinition = unaryOp('Softplus', { vjp: ({ dy, x }) => [dy.mul(x(0).sigmoid())] });
