import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Exp: OpDefinition = unaryOp('Exp', { fold: Math.exp, vjp: ({ dy, output }) => [dy.mul(output(0))] });
