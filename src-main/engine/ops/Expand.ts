import { takeElements } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';
import { broadcastIndex, broadcastShapes, unbroadcast } from './shared/broadcast';

function outShape(node: NodeInfo): number[] {
  return broadcastShapes([node.input(0).shape, node.constantInts(1, 'shape')], node);
}

export const Expand: OpDefinition = {
  op: 'Expand',
  infer: (node) => [{ dtype: node.input(0).dtype, shape: outShape(node) }],
  fold: (node) => {
    const x = node.value(0);
    if (!x) return undefined;
    const shape = outShape(node);
    return [takeElements(x, shape, broadcastIndex(x.shape, shape))];
  },
  vjp: ({ dy, x }) => [unbroadcast(dy, x(0).shape)],
};
