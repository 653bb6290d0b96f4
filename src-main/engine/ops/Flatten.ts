import { numel } from '../ir';
import type { OpDefinition } from './definition';
import { normalizeAxis } from './shared/axes';
import { reshapeLikeOp } from './shared/reshape-like';

export const Flatten: OpDefinition = reshapeLikeOp('Flatten', (node) => {
  const shape = node.input(0).shape;
  const axis = node.attrs.int('axis', 1);
  // axis may equal the rank (everything in the first dimension).
  const split = axis === shape.length ? axis : normalizeAxis(axis, shape.length, node);
  return [numel(shape.slice(0, split)), numel(shape.slice(split))];
});
