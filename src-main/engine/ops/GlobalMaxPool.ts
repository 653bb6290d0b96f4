import type { OpDefinition } from './definition';
import { GlobalAveragePool } from './GlobalAveragePool';

/** Ties within a window split the gradient evenly (PyTorch's amax convention). */
export const GlobalMaxPool: OpDefinition = {
  op: 'GlobalMaxPool',
  infer: GlobalAveragePool.infer,
  vjp: ({ dy, x, output }) => {
    const input = x(0);
    const mask = input.equal(output(0)).cast(input.dtype);
    const spatial = input.shape.slice(2).map((_, i) => i + 2);
    return [mask.mul(dy.div(mask.reduceSum(spatial, { keepdims: true })))];
  },
};
