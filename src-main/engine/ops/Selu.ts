import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

const ALPHA = 1.6732632423543772;
const GAMMA = 1.0507009873554805;

// For x <= 0, y = gamma alpha (e^x - 1), so dy/dx = y + gamma alpha.
export const Selu: OpDefinition = unaryOp('Selu', {
  vjp: ({ dy, x, g, attrs, output }) => {
    const gamma = attrs.float('gamma', GAMMA);
    const alpha = attrs.float('alpha', ALPHA);
    return [g.where(x(0).greater(0), dy.mul(gamma), dy.mul(output(0).add(alpha * gamma)))];
  },
});
