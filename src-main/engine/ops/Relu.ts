import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

// Zero gradient at 0, as PyTorch.
export const Relu: OpDefinition = unaryOp('Relu', {
  fold: (a) => Math.max(a, 0),
  vjp: ({ dy, x, g }) => [g.where(x(0).greater(0), dy, 0)],
});
