import type { OpDefinition } from './definition';
import { normalizeAxis } from './shared/axes';

/** TopK: the values' gradient goes back to where they came from; indices carry none. */
export const TopK: OpDefinition = {
  op: 'TopK',
  infer: (node) => {
    const x = node.input(0);
    const axis = normalizeAxis(node.attrs.int('axis', -1), x.shape.length, node);
    const k = node.constantInts(1, 'K')[0] ?? 0;
    if (k < 0 || k > (x.shape[axis] ?? 0)) node.fail(`K = ${k} is outside axis ${axis}`);
    const shape = x.shape.map((d, i) => (i === axis ? k : d));
    return [
      { dtype: x.dtype, shape },
      { dtype: 'int64', shape },
    ];
  },
  vjp: ({ grad, x, output, g, attrs }) => {
    const values = grad(0);
    if (!values) return [undefined];
    // Indices within one slice are distinct: no accumulation needed.
    const dx = g.op('ScatterElements', [g.zeros(x(0).shape, values.dtype), output(1), values], {
      axis: attrs.int('axis', -1),
    });
    return [dx];
  },
};
