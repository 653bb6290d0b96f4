import type { OpDefinition } from './definition';
import { normalizeAxis } from './shared/axes';

export const GatherElements: OpDefinition = {
  op: 'GatherElements',
  infer: (node) => {
    const [data, indices] = [node.input(0), node.input(1)];
    if (indices.shape.length !== data.shape.length) node.fail('indices must have the rank of the data');
    normalizeAxis(node.attrs.int('axis', 0), data.shape.length, node);
    return [{ dtype: data.dtype, shape: indices.shape }];
  },
  // Repeated indices accumulate.
  vjp: ({ dy, x, g, attrs }) => {
    const grad = g.op('ScatterElements', [g.zeros(x(0).shape, dy.dtype), x(1), dy], {
      axis: attrs.int('axis', 0),
      reduction: 'add',
    });
    return [grad];
  },
};
