import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Neg: OpDefinition = unaryOp('Neg', { fold: (a) => -a, vjp: ({ dy }) => [dy.neg()] });
