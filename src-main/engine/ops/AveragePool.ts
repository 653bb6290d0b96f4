import { fromNumbers, numel } from '../ir';
import type { Tensor } from '../ir';
import type { OpDefinition } from './definition';
import type { ConvGeometry } from './shared/conv-geometry';
import { convInputGradient } from './shared/conv-gradient';
import { mapIndex } from './shared/host-index';
import { liftTo2d } from './shared/lift-1d';
import { poolGeometry, pooledShape } from './shared/pool';

/**
 * 1 / divisor of every output window: the window's cells inside the input, or (count_include_pad)
 * inside the padded input; ceil-mode windows that overhang the padded end count only what they cover.
 */
function reciprocalDivisors(geometry: ConvGeometry, includePad: boolean): Tensor {
  const { output, input, strides, dilations, kernel, padsBegin, padsEnd } = geometry;
  const values = new Float64Array(numel(output));
  mapIndex(output, (c) => {
    let count = 1;
    c.forEach((o, i) => {
      const [s, d, k, pb] = [strides[i] ?? 1, dilations[i] ?? 1, kernel[i] ?? 1, padsBegin[i] ?? 0];
      const [lo, hi] = includePad ? [-pb, (input[i] ?? 0) + (padsEnd[i] ?? 0)] : [0, input[i] ?? 0];
      let cells = 0;
      for (let j = 0; j < k; j++) {
        const at = o * s - pb + j * d;
        if (at >= lo && at < hi) cells++;
      }
      count *= cells;
    });
    return count;
  }).forEach((count, flat) => (values[flat] = 1 / count));
  return fromNumbers('float64', output, values);
}

export const AveragePool: OpDefinition = {
  op: 'AveragePool',
  infer: (node) => [{ dtype: node.input(0).dtype, shape: pooledShape(node) }],
  canonicalize: (ctx) => liftTo2d(ctx, poolGeometry(ctx.node), [0]),
  // The adjoint spreads each window's share back over the window: a depthwise convolution
  // gradient with a kernel of ones, over batch × channels folded into the batch axis.
  vjp: ({ dy, x, g, node, attrs }) => {
    const geometry = poolGeometry(node);
    const input = x(0);
    const [n = 1, c = 1] = input.shape;
    const weights = reciprocalDivisors(geometry, attrs.int('count_include_pad', 0) === 1);
    const share = dy.mul(g.constant(fromNumbers(dy.dtype, weights.shape, Array.from(weights.data, Number))));
    const ones = g.constant(
      fromNumbers(dy.dtype, [1, 1, ...geometry.kernel], new Array(numel(geometry.kernel)).fill(1)),
    );
    const folded = share.reshape([n * c, 1, ...geometry.output]);
    // Windows that overhang the end (ceil mode) need nothing special: the adjoint's output is cut to the input.
    return [convInputGradient(g, folded, ones, geometry, 1).reshape(input.shape)];
  },
};
