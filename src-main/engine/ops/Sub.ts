import type { OpDefinition } from './definition';
import { unbroadcast } from './shared/broadcast';
import { broadcastingOp } from './shared/elementwise';

export const Sub: OpDefinition = broadcastingOp('Sub', {
  fold: (a, b) => a - b,
  vjp: ({ dy, x, needs }) => [unbroadcast(dy, x(0).shape), needs(1) ? unbroadcast(dy.neg(), x(1).shape) : undefined],
});
