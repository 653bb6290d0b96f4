import type { OpDefinition } from './definition';
import { Softmax } from './Softmax';

/** LogSoftmax over one axis (opset 13 semantics). */
export const LogSoftmax: OpDefinition = {
  op: 'LogSoftmax',
  infer: Softmax.infer,
  // dX = G - exp(Y) sum(G)
  vjp: ({ dy, output, attrs }) => [
    dy.sub(
      output(0)
        .exp()
        .mul(dy.reduceSum([attrs.int('axis', -1)], { keepdims: true })),
    ),
  ],
};
