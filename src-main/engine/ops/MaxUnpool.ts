import type { OpDefinition } from './definition';

/** Forward only, with its output shape given: MaxPool's gradient where windows do not overlap. */
export const MaxUnpool: OpDefinition = {
  op: 'MaxUnpool',
  infer: (node) => {
    const [x, indices] = [node.input(0), node.input(1)];
    if (node.inputCount < 3) node.fail('needs its output_shape input (this engine needs static shapes)');
    if (indices.shape.join() !== x.shape.join()) node.fail('indices must have the shape of X');
    return [{ dtype: x.dtype, shape: node.constantInts(2, 'output_shape') }];
  },
};
