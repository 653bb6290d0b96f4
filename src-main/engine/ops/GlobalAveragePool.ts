import type { OpDefinition } from './definition';

export const GlobalAveragePool: OpDefinition = {
  op: 'GlobalAveragePool',
  infer: (node) => {
    const x = node.input(0);
    if (x.shape.length < 3) node.fail('the input must be [N, C, spatial…]');
    return [{ dtype: x.dtype, shape: x.shape.map((d, i) => (i < 2 ? d : 1)) }];
  },
  vjp: ({ dy, x }) => {
    const input = x(0);
    const area = input.shape.slice(2).reduce((a, b) => a * b, 1);
    return [dy.div(area).expand(input.shape)];
  },
};
