import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

export const HardSigmoid: OpDefinition = unaryOp('HardSigmoid', {
  vjp: ({ dy, x, g, attrs }) => {
    const alpha = attrs.float('alpha', 0.2);
    const linear = x(0).mul(alpha).add(attrs.float('beta', 0.5));
    return [g.where(linear.greater(0).and(linear.less(1)), dy.mul(alpha), 0)];
  },
});
