import type { OpDefinition } from './definition';
import { normalizeAxes } from './shared/axes';
import { attributeToInput, reshapeLikeOp } from './shared/reshape-like';

/** Squeeze (axes as an input since opset 13; without axes, every size-1 dimension goes). */
export const Squeeze: OpDefinition = reshapeLikeOp(
  'Squeeze',
  (node) => {
    const shape = node.input(0).shape;
    if (!node.optionalInput(1)) return shape.filter((d) => d !== 1);
    const axes = normalizeAxes(node.constantInts(1, 'axes'), shape.length, node);
    for (const a of axes) if (shape[a] !== 1) node.fail(`axis ${a} has size ${shape[a] ?? 0}, not 1`);
    return shape.filter((_, i) => !axes.includes(i));
  },
  attributeToInput('axes'),
);
