import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const LeakyRelu: OpDefinition = unaryOp('LeakyRelu', {
  vjp: ({ dy, x, g, attrs }) => [g.where(x(0).greater(0), dy, dy.mul(attrs.float('alpha', 0.01)))],
});
