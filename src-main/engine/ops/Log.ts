import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Log: OpDefinition = unaryOp('Log', { fold: Math.log, vjp: ({ dy, x }) => [dy.div(x(0))] });
