import type { OpDefinition } from './definition';
import { unbroadcast } from './shared/broadcast';
import { broadcastingOp } from './shared/elementwise';

export const Mean: OpDefinition = broadcastingOp('Mean', {
  fold: (...values) => values.reduce((a, b) => a + b, 0) / values.length,
  vjp: ({ dy, x, node }) => {
    const share = dy.div(node.inputCount);
    return Array.from({ length: node.inputCount }, (_, i) => unbroadcast(share, x(i).shape));
  },
});
