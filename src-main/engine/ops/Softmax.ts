import type { OpDefinition } from './definition';
import { normalizeAxis } from './shared/axes';

/** Softmax over one axis (opset 13 semantics). */
export const Softmax: OpDefinition = {
  op: 'Softmax',
  infer: (node) => {
    const x = node.input(0);
    normalizeAxis(node.attrs.int('axis', -1), x.shape.length, node);
    return [x];
  },
  // dX = Y (G - sum(G Y))
  vjp: ({ dy, output, attrs }) => {
    const y = output(0);
    const axis = attrs.int('axis', -1);
    return [y.mul(dy.sub(dy.mul(y).reduceSum([axis], { keepdims: true })))];
  },
};
