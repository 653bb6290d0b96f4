import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const Tanh: OpDefinition = unaryOp('Tanh', {
  fold: Math.tanh,
  vjp: ({ dy, output }) => {
    const y = output(0);
    return [dy.sub(dy.mul(y).mul(y))];
  },
});
