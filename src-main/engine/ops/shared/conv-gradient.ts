import type { Traced, Tracer } from '../../trace';
import type { ConvGeometry } from './conv-geometry';
import { padsOf } from './conv-geometry';

const spatialAxes = (rank: number): number[] => Array.from({ length: rank }, (_, i) => i + 2);

/**
 * Weight [A, B/g, k…] regrouped as [B, A/g, k…] (in and out channels swapped within each group)
 * and flipped along every spatial axis: the kernel that turns a convolution into its adjoint.
 * For a frozen weight the tracer folds all of this at build time.
 */
export function adjointKernel(weight: Traced, group: number): Traced {
  const [a = 1, bPerGroup = 1, ...kernel] = weight.shape;
  const rest = kernel.map((_, i) => i + 3);
  const swapped =
    group === 1
      ? weight.transpose([1, 0, ...rest.map((r) => r - 1)])
      : weight
          .reshape([group, a / group, bPerGroup, ...kernel])
          .transpose([0, 2, 1, ...rest])
          .reshape([bPerGroup * group, a / group, ...kernel]);
  const axes = spatialAxes(kernel.length);
  return swapped.slice(
    axes.map(() => -1),
    axes.map(() => -Number.MAX_SAFE_INTEGER),
    axes,
    axes.map(() => -1),
  );
}

/** Inserts `stride - 1` zeros between the elements of each spatial axis. */
function interleaveZeros(value: Traced, strides: readonly number[]): Traced {
  let out = value;
  strides.forEach((s, i) => {
    if (s === 1) return;
    const axis = i + 2;
    const length = out.shape[axis] ?? 1;
    const pads = new Array<number>(2 * (out.rank + 1)).fill(0);
    pads[out.rank + 1 + axis + 1] = s - 1;
    const merged = out.shape.map((d, k) => (k === axis ? length * s : d));
    out = out
      .unsqueeze([axis + 1])
      .pad(pads)
      .reshape(merged)
      .slice([0], [s * (length - 1) + 1], [axis]);
  });
  return out;
}

/**
 * dX of a convolution: the output gradient, zero-interleaved by the strides, convolved (stride 1)
 * with the adjoint kernel. ONNX Runtime runs this ordinary Conv much faster than ConvTranspose.
 */
export function convInputGradient(
  g: Tracer,
  dy: Traced,
  weight: Traced,
  geometry: ConvGeometry,
  group: number,
): Traced {
  const { dilations, kernel, padsBegin, input } = geometry;
  let spread = interleaveZeros(dy, geometry.strides);
  const begins: number[] = [];
  const ends: number[] = [];
  kernel.forEach((k, i) => {
    const reach = (dilations[i] ?? 1) * (k - 1);
    const length = spread.shape[i + 2] ?? 1;
    let begin = reach - (padsBegin[i] ?? 0);
    let end = (input[i] ?? 0) - length + (padsBegin[i] ?? 0);
    // Negative pads mean the forward pass padded more than the kernel reaches: crop instead.
    if (begin < 0 || end < 0) {
      spread = spread.slice([Math.max(-begin, 0)], [length - Math.max(-end, 0)], [i + 2]);
      begin = Math.max(begin, 0);
      end = Math.max(end, 0);
    }
    begins.push(begin);
    ends.push(end);
  });
  return g.op('Conv', [spread, adjointKernel(weight, group)], {
    dilations,
    group,
    kernel_shape: kernel,
    pads: [...begins, ...ends],
  });
}

/**
 * dW of a convolution as one Conv: a correlation of the input with the output gradient in which
 * stride and dilation swap roles (batch becomes channels), sliced to the kernel size.
 */
export function convWeightGradient(dy: Traced, x: Traced, geometry: ConvGeometry, group: number): Traced {
  const [n = 1, channels = 1, ...spatial] = x.shape;
  const [, outChannels = 1, ...outSpatial] = dy.shape;
  const rest = spatial.map((_, i) => i + 3);
  const perGroupIn = channels / group;
  const xp = x
    .reshape([n, group, perGroupIn, ...spatial])
    .transpose([2, 1, 0, ...rest])
    .reshape([perGroupIn, group * n, ...spatial]);
  const gp = dy
    .reshape([n, group, outChannels / group, ...outSpatial])
    .transpose([1, 2, 0, ...rest])
    .reshape([outChannels, n, ...outSpatial]);
  const full = x.tracer.op('Conv', [xp, gp], {
    strides: geometry.dilations,
    dilations: geometry.strides,
    pads: padsOf(geometry),
    group,
  });
  const axes = spatialAxes(spatial.length);
  const cropped = full.slice(
    axes.map(() => 0),
    geometry.kernel,
    axes,
  );
  return cropped.transpose([1, 0, ...axes]);
}

/** dB of a convolution: the output gradient summed over batch and space. */
export function convBiasGradient(dy: Traced): Traced {
  return dy.reduceSum([0, ...spatialAxes(dy.rank - 2)]);
}
