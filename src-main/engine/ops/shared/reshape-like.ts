import { reshaped } from '../../ir';
import type { ValueType } from '../../ir';
import type { NodeInfo, OpDefinition } from '../definition';

/** An op that only changes the shape (Reshape, Flatten, Squeeze, Unsqueeze): its gradient reshapes back. */
export function reshapeLikeOp(
  op: string,
  outShape: (node: NodeInfo) => number[],
  canonicalize?: OpDefinition['canonicalize'],
): OpDefinition {
  return {
    op,
    infer: (node): ValueType[] => [{ dtype: node.input(0).dtype, shape: outShape(node) }],
    fold: (node) => {
      const x = node.value(0);
      return x ? [reshaped(x, outShape(node))] : undefined;
    },
    vjp: ({ dy, x }) => [dy.reshape(x(0).shape)],
    ...(canonicalize ? { canonicalize } : {}),
  };
}

/** Opsets before 13 gave Squeeze/Unsqueeze axes (and older Split sizes) as an attribute; now it is an input. */
export function attributeToInput(name: string): NonNullable<OpDefinition['canonicalize']> {
  return ({ g, node, inputs }) => {
    if (!node.attrs.has(name)) return undefined;
    const attributes = Object.fromEntries(Object.entries(node.attrs.attributes).filter(([key]) => key !== name));
    const value = g.constant(node.attrs.ints(name), 'int64');
    return g.opN(node.op, [inputs[0], value], attributes, { name: node.name, outputs: node.outputCount });
  };
}
