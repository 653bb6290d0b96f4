import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Abs: OpDefinition = unaryOp('Abs', { fold: Math.abs, vjp: ({ dy, x }) => [dy.mul(x(0).sign())] });
