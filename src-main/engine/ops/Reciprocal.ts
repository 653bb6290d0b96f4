import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Reciprocal: OpDefinition = unaryOp('Reciprocal', {
  fold: (a) => 1 / a,
  vjp: ({ dy, output }) => [dy.mul(output(0)).mul(output(0)).neg()],
});
