import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Sqrt: OpDefinition = unaryOp('Sqrt', {
  fold: Math.sqrt,
  vjp: ({ dy, output }) => [dy.div(output(0).mul(2))],
});
