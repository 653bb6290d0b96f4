import type { ValueType } from '../ir';
import type { NodeInfo, OpDefinition, VjpContext } from './definition';
import { normalizeAxis } from './shared/axes';
import { unbroadcast } from './shared/broadcast';
import { moments, normalizedInputGradient } from './shared/normalization';
import type { Moments } from './shared/normalization';

function normalizedAxes(node: NodeInfo): number[] {
  const rank = node.input(0).shape.length;
  const axis = normalizeAxis(node.attrs.int('axis', -1), rank, node);
  return Array.from({ length: rank - axis }, (_, i) => axis + i);
}

/** LayerNormalization (opset 17): outputs Y and the optional Mean and InvStdDev. */
export const LayerNormalization: OpDefinition = {
  op: 'LayerNormalization',
  infer: (node) => {
    const x = node.input(0);
    const axes = normalizedAxes(node);
    const statShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    // Statistics are kept in float32 (stash_type 1) unless stash_type says otherwise.
    const stash: ValueType['dtype'] = node.attrs.int('stash_type', 1) === 1 ? 'float32' : x.dtype;
    return [x, { dtype: stash, shape: statShape }, { dtype: stash, shape: statShape }];
  },
  vjp: (ctx) => {
    const { dy, x, input, needs, node } = ctx;
    const axes = normalizedAxes(node);
    const m = statistics(ctx, axes);
    const scale = x(1);
    const bias = input(2);
    return [
      needs(0) ? normalizedInputGradient(dy.mul(scale), m, axes) : undefined,
      needs(1) ? unbroadcast(dy.mul(m.normalized), scale.shape) : undefined,
      bias && needs(2) ? unbroadcast(dy, bias.shape) : undefined,
    ];
  },
};

/** The node's own Mean/InvStdDev outputs where they have X's type (float32), recomputed otherwise. */
function statistics({ x, output, node }: VjpContext, axes: readonly number[]): Moments {
  const input = x(0);
  const epsilon = node.attrs.float('epsilon', 1e-5);
  if (input.dtype !== 'float32' || node.attrs.int('stash_type', 1) !== 1) return moments(input, axes, epsilon);
  const invStd = output(2);
  return { normalized: input.sub(output(1)).mul(invStd), invStd };
}
