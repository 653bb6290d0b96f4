import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

// For x <= 0, y = alpha (e^x - 1), so dy/dx = y + alpha.
export const Elu: OpDefinition = unaryOp('Elu', {
  vjp: ({ dy, x, g, attrs, output }) => [g.where(x(0).greater(0), dy, dy.mul(output(0).add(attrs.float('alpha', 1))))],
});
