import type { OpDefinition } from './definition';
import { normalizeAxes } from './shared/axes';
import { attributeToInput, reshapeLikeOp } from './shared/reshape-like';

/** Unsqueeze (axes as an input since opset 13, relative to the output's rank). */
export const Unsqueeze: OpDefinition = reshapeLikeOp(
  'Unsqueeze',
  (node) => {
    const shape = node.input(0).shape;
    const given = node.constantInts(1, 'axes');
    const rank = shape.length + given.length;
    const axes = normalizeAxes(given, rank, node);
    const rest = [...shape];
    return Array.from({ length: rank }, (_, i) => (axes.includes(i) ? 1 : (rest.shift() ?? 1)));
  },
  attributeToInput('axes'),
);
