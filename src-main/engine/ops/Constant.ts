import { fromNumbers } from '../ir';
import type { Tensor } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';

function value(node: NodeInfo): Tensor {
  const { attrs } = node;
  if (attrs.has('value')) return attrs.tensor('value');
  if (attrs.has('value_float')) return fromNumbers('float32', [], [attrs.float('value_float')]);
  if (attrs.has('value_int')) return fromNumbers('int64', [], [attrs.int('value_int')]);
  if (attrs.has('value_floats'))
    return fromNumbers('float32', [attrs.floats('value_floats').length], attrs.floats('value_floats'));
  if (attrs.has('value_ints')) return fromNumbers('int64', [attrs.ints('value_ints').length], attrs.ints('value_ints'));
  return node.fail('only tensor, float(s) and int(s) constants are supported');
}

export const Constant: OpDefinition = {
  op: 'Constant',
  infer: (node) => [value(node)],
  fold: (node) => [value(node)],
  vjp: 'none',
};
