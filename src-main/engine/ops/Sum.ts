import type { OpDefinition } from './definition';
import { unbroadcast } from './shared/broadcast';
import { broadcastingOp } from './shared/elementwise';

export const Sum: OpDefinition = broadcastingOp('Sum', {
  fold: (...values) => values.reduce((a, b) => a + b, 0),
  vjp: ({ dy, x, node }) => Array.from({ length: node.inputCount }, (_, i) => unbroadcast(dy, x(i).shape)),
});
