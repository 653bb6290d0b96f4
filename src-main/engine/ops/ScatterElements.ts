import type { OpDefinition } from './definition';

/** Forward only: the gradient graphs of Gather, Slice, Pad and pooling emit it. */
export const ScatterElements: OpDefinition = {
  op: 'ScatterElements',
  infer: (node) => {
    const [data, indices, updates] = [node.input(0), node.input(1), node.input(2)];
    if (updates.shape.join() !== indices.shape.join()) node.fail('updates must have the shape of indices');
    if (updates.dtype !== data.dtype) node.fail('updates must have the data type');
    return [data];
  },
};
