import type { Traced } from '../trace';
import type { OpDefinition, VjpContext } from './definition';
import type { ConvGeometry } from './shared/conv-geometry';
import { liftTo2d } from './shared/lift-1d';
import { poolGeometry, pooledShape } from './shared/pool';

/**
 * MaxPool. The gradient of each window goes to its first maximal element (as ONNX Runtime's
 * Indices and PyTorch choose). Windows that tile the input (stride = kernel, no dilation) are
 * handled elementwise on a [windows, kernel] view; overlapping windows use the optional Indices
 * output, which the rule adds to the node, and a scatter.
 */
export const MaxPool: OpDefinition = {
  op: 'MaxPool',
  infer: (node) => {
    const shape = pooledShape(node);
    return [
      { dtype: node.input(0).dtype, shape },
      { dtype: 'int64', shape },
    ];
  },
  canonicalize: (ctx) => liftTo2d(ctx, poolGeometry(ctx.node), [0]),
  vjp: (ctx) => {
    if (ctx.node.attrs.int('storage_order', 0) !== 0) ctx.node.fail('the gradient needs storage_order = 0');
    const geometry = poolGeometry(ctx.node);
    const tiles =
      geometry.strides.every((s, i) => s === geometry.kernel[i]) && geometry.dilations.every((d) => d === 1);
    return [tiles ? tiledGradient(ctx, geometry) : scatteredGradient(ctx)];
  },
};

/** Windows that tile the input: compare each window with its maximum, keep the first match. */
function tiledGradient({ dy, x, output, g }: VjpContext, geometry: ConvGeometry): Traced {
  const input = x(0);
  const { kernel, padsBegin, output: windows } = geometry;
  const [n = 1, c = 1] = input.shape;
  // The windows cover positions -pb … -pb + O·k of each axis: pad (with -inf) or crop to exactly that.
  const span = windows.map((o, i) => o * (kernel[i] ?? 1));
  const ends = span.map((s, i) => s - (padsBegin[i] ?? 0) - (input.shape[i + 2] ?? 0));
  const covered = cropOrPad(input, padsBegin, ends, -Infinity);
  // [N, C, O₀, k₀, O₁, k₁, …] → [N, C, k₀·k₁·…, O₀, O₁, …]: the window axis ahead of the windows,
  // so that comparing with the maxima broadcasts over a middle axis (ONNX Runtime is slow at
  // broadcasting an innermost axis of size 1). Axes of size 1 (a 1-D pool run as 2-D has k = 1
  // and O = 1 on its height) are left out: transposing them is slow too.
  const splitShape: number[] = [n, c];
  const windowAxes: number[] = [];
  windows.forEach((o, i) => {
    if (o > 1) splitShape.push(o);
    if ((kernel[i] ?? 1) > 1) {
      windowAxes.push(splitShape.length);
      splitShape.push(kernel[i] ?? 1);
    }
  });
  const perm = [0, 1, ...windowAxes, ...splitShape.map((_, i) => i).filter((i) => i > 1 && !windowAxes.includes(i))];
  const size = kernel.reduce((a, b) => a * b, 1);
  // Windows flattened to one axis: broadcasting over several axes, some of size 1, is slow too.
  const count = windows.reduce((a, b) => a * b, 1);
  const view = covered.reshape(splitShape).transpose(perm).reshape([n, c, size, count]);
  const isMax = view.equal(output(0).reshape([n, c, 1, count]));
  const first = isMax.and(isMax.cast(dy.dtype).cumsum(2, { exclusive: true }).equal(0));
  const spread = g.where(first, dy.reshape([n, c, 1, count]), 0);
  const inverse = perm.map((_, i) => perm.indexOf(i));
  const back = spread
    .reshape(perm.map((p) => splitShape[p] ?? 1))
    .transpose(inverse)
    .reshape([n, c, ...span]);
  return cropOrPad(
    back,
    padsBegin.map((p) => -p),
    ends.map((e) => -e),
    0,
  );
}

/** Pads (positive) or crops (negative) the spatial axes at their begin and end. */
function cropOrPad(value: Traced, begins: readonly number[], ends: readonly number[], fill: number): Traced {
  const axes = begins.map((_, i) => i + 2);
  const cropped =
    begins.some((b) => b < 0) || ends.some((e) => e < 0)
      ? value.slice(
          begins.map((b) => Math.max(-b, 0)),
          ends.map((e, i) => (value.shape[i + 2] ?? 0) - Math.max(-e, 0)),
          axes,
        )
      : value;
  const pads = [0, 0, ...begins.map((b) => Math.max(b, 0)), 0, 0, ...ends.map((e) => Math.max(e, 0))];
  if (pads.every((p) => p === 0)) return cropped;
  return cropped.pad(pads, { value: fill });
}

/** Overlapping windows: scatter-add through the Indices output (flat positions in X, batch and channel included). */
function scatteredGradient({ dy, x, output, g }: VjpContext): Traced {
  const input = x(0);
  const flat = g.op('ScatterElements', [g.zeros([input.size], dy.dtype), output(1).reshape([-1]), dy.reshape([-1])], {
    axis: 0,
    reduction: 'add',
  });
  return flat.reshape(input.shape);
}
