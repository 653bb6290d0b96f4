import { fromNumbers, numel, toNumbers } from '../ir';
import type { Tensor } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';

function fillValue(node: NodeInfo): Tensor {
  return node.attrs.has('value') ? node.attrs.tensor('value') : fromNumbers('float32', [1], [0]);
}

export const ConstantOfShape: OpDefinition = {
  op: 'ConstantOfShape',
  infer: (node) => {
    const shape = node.constantInts(0, 'shape');
    if (shape.some((d) => d < 0)) node.fail('dimensions must not be negative');
    return [{ dtype: fillValue(node).dtype, shape }];
  },
  fold: (node) => {
    const value = fillValue(node);
    const shape = node.constantInts(0, 'shape');
    return [fromNumbers(value.dtype, shape, new Array<number>(numel(shape)).fill(toNumbers(value)[0] ?? 0))];
  },
  vjp: 'none',
};
