import type { Traced } from '../trace';
import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

const SQRT_HALF = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const CUBIC = 0.044715;

/** Gelu (opset 20): x Φ(x), or its tanh approximation. */
export const Gelu: OpDefinition = unaryOp('Gelu', {
  vjp: ({ dy, x, attrs }) => {
    const v = x(0);
    return [dy.mul(attrs.string('approximate', 'none') === 'tanh' ? tanhDerivative(v) : exactDerivative(v))];
  },
});

// Φ(x) + x φ(x)
function exactDerivative(v: Traced): Traced {
  const cdf = v.mul(SQRT_HALF).erf().add(1).mul(0.5);
  const pdf = v.mul(v).mul(-0.5).exp().mul(INV_SQRT_2PI);
  return cdf.add(v.mul(pdf));
}

// 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3 k x^2), t = tanh(c (x + k x^3))
function tanhDerivative(v: Traced): Traced {
  const square = v.mul(v);
  const t = v.add(square.mul(v).mul(CUBIC)).mul(SQRT_2_OVER_PI).tanh();
  const slope = square
    .mul(3 * CUBIC)
    .add(1)
    .mul(SQRT_2_OVER_PI);
  return t
    .add(1)
    .mul(0.5)
    .add(v.mul(t.mul(t).neg().add(1)).mul(slope).mul(0.5));
}
