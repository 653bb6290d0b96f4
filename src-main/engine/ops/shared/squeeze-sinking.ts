import { toNumbers } from '../../ir';
import type { Traced, Tracer } from '../../trace';
import type { CanonicalContext } from '../definition';

/** A value made by Squeeze of `source` along (non-negative) `axes`. */
interface Squeezed {
  readonly source: Traced;
  readonly axes: readonly number[];
}

export function squeezedFrom(g: Tracer, value: Traced): Squeezed | undefined {
  const node = g.producer(value);
  if (node?.op !== 'Squeeze' || node.domain !== '' || !node.inputs[1]) return undefined;
  const source = g.traced(node.inputs[0] ?? '');
  const axes = g.constantValue(g.traced(node.inputs[1]));
  if (!axes) return undefined;
  return {
    source,
    axes: toNumbers(axes)
      .map((a) => (a < 0 ? a + source.rank : a))
      .sort((a, b) => a - b),
  };
}

/**
 * Moves a Squeeze below an elementwise op: op(Squeeze(a), Squeeze(b)) = Squeeze(op(a, b)) when all
 * squeezed operands lose the same axes, and the others (scalars, short trailing vectors) broadcast
 * the same way either side. Keeps the [N, C, 1, L] layout of 1-D convolutions run as 2-D ones
 * unbroken through activations and residual additions, so ONNX Runtime need not reorder it.
 */
export function sinkSqueeze({ g, node, inputs }: CanonicalContext): readonly Traced[] | undefined {
  if (node.outputCount !== 1) return undefined;
  const squeezed = inputs.map((v) => (v ? squeezedFrom(g, v) : undefined));
  const first = squeezed.find((s) => s !== undefined);
  if (!first) return undefined;
  const rank = first.source.rank;
  const lastAxis = Math.max(...first.axes);
  const compatible = inputs.every((v, i) => {
    const s = squeezed[i];
    if (s) return s.source.rank === rank && s.axes.join() === first.axes.join();
    return !v || v.rank <= rank - 1 - lastAxis;
  });
  if (!compatible) return undefined;
  const lifted = inputs.map((v, i) => squeezed[i]?.source ?? v);
  return [g.op(node.op, lifted, node.attrs.attributes, { name: node.name }).squeeze(first.axes)];
}
