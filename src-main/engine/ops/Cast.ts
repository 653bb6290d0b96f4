import { dtypeFromOnnx, fromNumbers, isFloat, toNumbers } from '../ir';
import type { DType } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';

function target(node: NodeInfo): DType {
  return dtypeFromOnnx(node.attrs.int('to'), `${node.op} (node ${node.name})`);
}

/** Cast; the gradient passes between floating-point types only. */
export const Cast: OpDefinition = {
  op: 'Cast',
  infer: (node) => [{ dtype: target(node), shape: node.input(0).shape }],
  fold: (node) => {
    const x = node.value(0);
    return x ? [fromNumbers(target(node), x.shape, toNumbers(x))] : undefined;
  },
  vjp: ({ dy, x, output }) => [isFloat(output(0).dtype) ? dy.cast(x(0).dtype) : undefined],
};
