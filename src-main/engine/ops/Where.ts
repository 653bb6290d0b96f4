import type { OpDefinition } from './definition';
import { unbroadcast } from './shared/broadcast';
import { broadcastShapes } from './shared/broadcast';
import { commonDtype, foldElementwise } from './shared/elementwise';

export const Where: OpDefinition = {
  op: 'Where',
  infer: (node) => {
    if (node.input(0).dtype !== 'bool') node.fail('the condition must be bool');
    const dtype = commonDtype(node, [1, 2]);
    return [
      {
        dtype,
        shape: broadcastShapes(
          [0, 1, 2].map((i) => node.input(i).shape),
          node,
        ),
      },
    ];
  },
  fold: (node) => foldElementwise(node, (c, a, b) => (c ? a : b), node.input(1).dtype),
  vjp: ({ dy, x, g, needs }) => {
    const condition = x(0);
    return [
      undefined,
      needs(1) ? unbroadcast(g.where(condition, dy, 0), x(1).shape) : undefined,
      needs(2) ? unbroadcast(g.where(condition, 0, dy), x(2).shape) : undefined,
    ];
  },
};
