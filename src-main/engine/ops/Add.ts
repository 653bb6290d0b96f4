import type { OpDefinition } from './definition';
import { unbroadcast } from './shared/broadcast';
import { broadcastingOp } from './shared/elementwise';

export const Add: OpDefinition = broadcastingOp('Add', {
  fold: (a, b) => a + b,
  vjp: ({ dy, x }) => [unbroadcast(dy, x(0).shape), unbroadcast(dy, x(1).shape)],
});
