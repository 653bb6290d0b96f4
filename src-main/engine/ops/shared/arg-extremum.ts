import type { OpDefinition } from '../definition';
import { normalizeAxis } from './axes';

/** ArgMax/ArgMin: int64 positions, no gradient. */
export function argExtremumOp(op: string): OpDefinition {
  return {
    op,
    infer: (node) => {
      const shape = node.input(0).shape;
      const axis = normalizeAxis(node.attrs.int('axis', 0), shape.length, node);
      const keep = node.attrs.int('keepdims', 1) === 1;
      return [
        {
          dtype: 'int64',
          shape: keep ? shape.map((d, i) => (i === axis ? 1 : d)) : shape.filter((_, i) => i !== axis),
        },
      ];
    },
    vjp: 'none',
  };
}
