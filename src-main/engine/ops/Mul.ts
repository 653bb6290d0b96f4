import type { OpDefinition } from './definition';
import { unbroadcast } from './shared/broadcast';
import { broadcastingOp } from './shared/elementwise';

export const Mul: OpDefinition = broadcastingOp('Mul', {
  fold: (a, b) => a * b,
  vjp: ({ dy, x, needs }) => [
    needs(0) ? unbroadcast(dy.mul(x(1)), x(0).shape) : undefined,
    needs(1) ? unbroadcast(dy.mul(x(0)), x(1).shape) : undefined,
  ],
});
