import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const Erf: OpDefinition = unaryOp('Erf', {
  vjp: ({ dy, x }) => {
    const v = x(0);
    return [dy.mul(v.mul(v).neg().exp().mul(TWO_OVER_SQRT_PI))];
  },
});
