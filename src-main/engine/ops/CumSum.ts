import type { OpDefinition } from './definition';
import { normalizeAxis } from './shared/axes';

/** The adjoint of a cumulative sum is the cumulative sum in the other direction. */
export const CumSum: OpDefinition = {
  op: 'CumSum',
  infer: (node) => {
    const x = node.input(0);
    normalizeAxis(node.constantInts(1, 'axis')[0] ?? 0, x.shape.length, node);
    return [x];
  },
  vjp: ({ dy, x, g, attrs }) => {
    const grad = g.op('CumSum', [dy, x(1)], {
      exclusive: attrs.int('exclusive', 0),
      reverse: 1 - attrs.int('reverse', 0),
    });
    return [grad];
  },
};
