import type { OpDefinition } from './definition';
import { unbroadcast } from './shared/broadcast';
import { broadcastingOp } from './shared/elementwise';

export const Div: OpDefinition = broadcastingOp('Div', {
  // Integer division truncates toward zero; fromNumbers truncates integer results.
  fold: (a, b) => a / b,
  vjp: ({ dy, x, output, needs }) => {
    const quotient = dy.div(x(1));
    return [
      needs(0) ? unbroadcast(quotient, x(0).shape) : undefined,
      // d(a/b)/db = -a/b^2 = -(y/b)
      needs(1) ? unbroadcast(quotient.mul(output(0)).neg(), x(1).shape) : undefined,
    ];
  },
});
