import type { Traced } from '../trace';
import type { CanonicalContext, OpDefinition } from './definition';
import { squeezedFrom } from './shared/squeeze-sinking';
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
  (ctx) => attributeToInput('axes')(ctx) ?? cancelSqueeze(ctx),
);

/** Unsqueeze(Squeeze(v, axes), axes) is v. */
function cancelSqueeze({ g, node, inputs }: CanonicalContext): readonly Traced[] | undefined {
  const [value] = inputs;
  const squeezed = value ? squeezedFrom(g, value) : undefined;
  if (!squeezed || !node.value(1)) return undefined;
  const rank = squeezed.source.rank;
  const axes = node
    .constantInts(1, 'axes')
    .map((a) => (a < 0 ? a + rank : a))
    .sort((a, b) => a - b);
  return axes.join() === squeezed.axes.join() ? [squeezed.source] : undefined;
}
