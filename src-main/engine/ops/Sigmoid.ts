import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Sigmoid: OpDefinition = unaryOp('Sigmoid', {
  fold: (a) => 1 / (1 + Math.exp(-a)),
  vjp: ({ dy, output }) => {
    const y = output(0);
    return [dy.mul(y.sub(y.mul(y)))];
  },
});
