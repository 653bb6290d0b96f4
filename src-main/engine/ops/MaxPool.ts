import type { OpDefinition } from './definition';
import { pooledShape } from './shared/pool';

/**
 * MaxPool. Its gradient needs the optional Indices output (flat positions in X, batch and
 * channel offsets included, as ONNX Runtime computes them): the rule adds it to the node.
 */
export const MaxPool: OpDefinition = {
  op: 'MaxPool',
  infer: (node) => {
    const shape = pooledShape(node);
    return [
      { dtype: node.input(0).dtype, shape },
      { dtype: 'int64', shape },
    ];
  },
  vjp: ({ dy, x, output, g, node }) => {
    if (node.attrs.int('storage_order', 0) !== 0) node.fail('the gradient needs storage_order = 0');
    const input = x(0);
    const indices = output(1);
    // Overlapping windows can pick the same element: accumulate.
    const flat = g.op('ScatterElements', [g.zeros([input.size], dy.dtype), indices.reshape([-1]), dy.reshape([-1])], {
      axis: 0,
      reduction: 'add',
    });
    return [flat.reshape(input.shape)];
  },
};
