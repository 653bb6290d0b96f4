import type { Traced, Tracer } from '../../trace';
import type { ConvGeometry } from './conv-geometry';
import { padsOf } from './conv-geometry';

const spatialAxes = (rank: number): number[] => Array.from({ length: rank }, (_, i) => i + 2);

/** Weight [A, B/g, k…] regrouped as [B, A/g, k…]: in and out channels swapped within each group. */
function swapChannels(weight: Traced, group: number): Traced {
  const [a = 1, bPerGroup = 1, ...kernel] = weight.shape;
  const spatial = kernel.map((_, i) => i + 2);
  if (group === 1) return weight.transpose([1, 0, ...spatial]);
  return weight
    .reshape([group, a / group, bPerGroup, ...kernel])
    .transpose([0, 2, 1, ...spatial.map((i) => i + 1)])
    .reshape([bPerGroup * group, a / group, ...kernel]);
}

/** Reverses every spatial axis. */
function flipSpatial(weight: Traced): Traced {
  const axes = spatialAxes(weight.rank - 2);
  return weight.slice(
    axes.map(() => -1),
    axes.map(() => -Number.MAX_SAFE_INTEGER),
    axes,
    axes.map(() => -1),
  );
}

/** The taps of one polyphase component along one axis: kernel positions k with k·d ≡ r (mod s). */
interface PhaseTaps {
  readonly taps: readonly number[];
  /** Offset (in output-gradient steps) of the first tap, and the spacing of the rest. */
  readonly offset: number;
  readonly dilation: number;
}

function phaseTaps(kernel: number, dilation: number, stride: number, residue: number): PhaseTaps | undefined {
  const taps = Array.from({ length: kernel }, (_, k) => k).filter((k) => (k * dilation) % stride === residue);
  const first = taps[0];
  if (first === undefined) return undefined;
  return { taps, offset: (first * dilation - residue) / stride, dilation: dilation / gcd(dilation, stride) };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * dX of a convolution, written as ordinary stride-1 Convs with the flipped, channel-swapped
 * kernel (ONNX Runtime runs Conv much faster than ConvTranspose; for a frozen weight the tracer
 * folds the kernel transforms at build time). With strides, the adjoint is split into polyphase
 * components: input positions of one residue modulo the stride receive only the taps of that
 * residue, so each component is a small Conv over the output gradient, and the components are
 * interleaved. No zeros are multiplied.
 */
export function convInputGradient(
  g: Tracer,
  dy: Traced,
  weight: Traced,
  geometry: ConvGeometry,
  group: number,
): Traced {
  const { strides, dilations, kernel, padsBegin, input, output } = geometry;
  const rank = kernel.length;
  const swapped = swapChannels(weight, group);
  const [n = 1] = dy.shape;
  const channels = swapped.shape[0] ?? 1;
  // Component lengths: together they cover the padded input positions 0 … pb + L - 1.
  const lengths = input.map((l, i) => Math.ceil((l + (padsBegin[i] ?? 0)) / (strides[i] ?? 1)));

  const component = (residues: readonly number[]): Traced => {
    const taps = residues.map((r, i) => phaseTaps(kernel[i] ?? 1, dilations[i] ?? 1, strides[i] ?? 1, r));
    if (taps.some((t) => t === undefined)) return g.zeros([n, channels, ...lengths], dy.dtype);
    const phases = taps as PhaseTaps[];
    let sub = swapped;
    phases.forEach((t, i) => {
      if (t.taps.length !== (kernel[i] ?? 1)) sub = sub.gather(t.taps, i + 2);
    });
    const reach = phases.map((t) => t.dilation * (t.taps.length - 1));
    const begins = phases.map((t, i) => (reach[i] ?? 0) + t.offset);
    const ends = phases.map((t, i) => Math.max(0, (lengths[i] ?? 0) - (output[i] ?? 0) - t.offset));
    const full = g.op('Conv', [dy, flipSpatial(sub)], {
      dilations: phases.map((t) => t.dilation),
      group,
      kernel_shape: phases.map((t) => t.taps.length),
      pads: [...begins, ...ends],
    });
    const axes = spatialAxes(rank);
    const tooLong = full.shape.slice(2).some((d, i) => d > (lengths[i] ?? 0));
    return tooLong
      ? full.slice(
          axes.map(() => 0),
          lengths,
          axes,
        )
      : full;
  };

  const interleaved = strides.every((s) => s === 1)
    ? component(strides.map(() => 0))
    : interleave(g, component, strides, lengths);
  const axes = spatialAxes(rank);
  const needsCrop = interleaved.shape.slice(2).some((d, i) => d !== (input[i] ?? 0)) || padsBegin.some((p) => p > 0);
  return needsCrop
    ? interleaved.slice(
        [...padsBegin],
        input.map((l, i) => l + (padsBegin[i] ?? 0)),
        axes,
      )
    : interleaved;
}

/**
 * Builds every polyphase component and interleaves them: position m = j·s + r of each spatial axis
 * comes from component r at j. Components are stacked on trailing axes [N, C, J…, s…], moved next
 * to their axes [N, C, J₀, s₀, J₁, s₁, …] and merged.
 */
function interleave(
  g: Tracer,
  component: (residues: readonly number[]) => Traced,
  strides: readonly number[],
  lengths: readonly number[],
): Traced {
  const rank = strides.length;
  const build = (prefix: readonly number[]): Traced => {
    const axis = prefix.length;
    const stride = strides[axis] ?? 1;
    const parts = Array.from({ length: stride }, (_, r) => {
      const residues = [...prefix, r];
      return residues.length === rank
        ? component(residues).unsqueeze(Array.from({ length: rank }, (_, i) => 2 + rank + i))
        : build(residues);
    });
    return parts.length === 1 ? (parts[0] as Traced) : g.concat(parts, 2 + rank + axis);
  };
  const stacked = build([]);
  const perm = [0, 1, ...Array.from({ length: rank }, (_, i) => [2 + i, 2 + rank + i]).flat()];
  const [n = 1, c = 1] = stacked.shape;
  // Where only axes of size 1 move (a 1-D convolution run as 2-D has stride 1 on its height), the
  // data are already in order: the Transpose would be a copy for nothing.
  const long = perm.filter((axis) => (stacked.shape[axis] ?? 1) !== 1);
  const inOrder = long.every((axis, i) => i === 0 || axis > (long[i - 1] ?? 0));
  return (inOrder ? stacked : stacked.transpose(perm)).reshape([n, c, ...lengths.map((l, i) => l * (strides[i] ?? 1))]);
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
