import { strides } from '../ir';
import type { Traced } from '../trace';
import type { NodeInfo, OpDefinition, VjpContext } from './definition';
import { flatIndex, mapIndex } from './shared/host-index';
import { scatterToSource } from './shared/scatter';

/** Begin and end pads for every axis (the opset-18 `axes` input is canonicalised away). */
function resolve(node: NodeInfo): { begins: number[]; ends: number[]; shape: number[] } {
  const x = node.input(0).shape;
  const pads = node.constantInts(1, 'pads');
  if (pads.length !== 2 * x.length) node.fail(`pads needs ${2 * x.length} entries (begins then ends)`);
  const begins = pads.slice(0, x.length);
  const ends = pads.slice(x.length);
  const shape = x.map((d, i) => d + (begins[i] ?? 0) + (ends[i] ?? 0));
  if (shape.some((d) => d < 0)) node.fail('negative pads remove more than the axis holds');
  return { begins, ends, shape };
}

/** Source coordinate of an output element: reflect, edge or wrap; constant cells have none. */
function sourceIndex(node: NodeInfo, mode: string): Int32Array {
  const x = node.input(0).shape;
  const { begins, shape } = resolve(node);
  const inStrides = strides(x);
  const fold = (v: number, dim: number): number => {
    if (mode === 'edge') return Math.min(Math.max(v, 0), dim - 1);
    if (mode === 'wrap') return ((v % dim) + dim) % dim;
    const period = 2 * (dim - 1);
    if (period === 0) return 0;
    const r = ((v % period) + period) % period;
    return r < dim ? r : period - r;
  };
  return mapIndex(shape, (c) =>
    flatIndex(
      c.map((v, k) => fold(v - (begins[k] ?? 0), x[k] ?? 1)),
      inStrides,
    ),
  );
}

export const Pad: OpDefinition = {
  op: 'Pad',
  infer: (node) => {
    const mode = node.attrs.string('mode', 'constant');
    if (!['constant', 'reflect', 'edge', 'wrap'].includes(mode)) node.fail(`mode '${mode}' is unknown`);
    return [{ dtype: node.input(0).dtype, shape: resolve(node).shape }];
  },
  canonicalize: ({ g, node, inputs }) => {
    // Opset < 11 kept pads and value in attributes; opset 18 may pad only some `axes`.
    const legacy = node.attrs.has('pads');
    if (!legacy && !node.optionalInput(3)) return undefined;
    const dtype = node.input(0).dtype;
    const value = legacy
      ? node.attrs.has('value')
        ? g.constant(node.attrs.float('value'), dtype)
        : undefined
      : inputs[2];
    const pads = legacy ? [...node.attrs.ints('pads')] : padsForAllAxes(node);
    const mode = node.attrs.string('mode', 'constant');
    return [g.op('Pad', [inputs[0], g.constant(pads, 'int64'), value], { mode }, { name: node.name })];
  },
  vjp: (ctx) => [padGradient(ctx), undefined, undefined],
};

function padsForAllAxes(node: NodeInfo): number[] {
  const rank = node.input(0).shape.length;
  const axes = node.constantInts(3, 'axes').map((a) => (a < 0 ? a + rank : a));
  const given = node.constantInts(1, 'pads');
  const full = new Array<number>(2 * rank).fill(0);
  axes.forEach((a, k) => {
    full[a] = given[k] ?? 0;
    full[a + rank] = given[k + axes.length] ?? 0;
  });
  return full;
}

function padGradient({ dy, x, node, g, attrs }: VjpContext): Traced {
  const mode = attrs.string('mode', 'constant');
  const shape = x(0).shape;
  if (mode !== 'constant') return scatterToSource(g, dy, shape, sourceIndex(node, mode), true);
  // Constant padding: crop what was added; where the pads were negative (a crop), pad back with zeros.
  const { begins, ends } = resolve(node);
  const starts = begins.map((b) => Math.max(b, 0));
  const stops = dy.shape.map((d, i) => d - Math.max(ends[i] ?? 0, 0));
  const cropped =
    starts.some((s) => s > 0) || stops.some((s, i) => s < (dy.shape[i] ?? 0)) ? dy.slice(starts, stops) : dy;
  const refill = [...begins.map((b) => Math.max(-b, 0)), ...ends.map((e) => Math.max(-e, 0))];
  return refill.some((p) => p > 0) ? cropped.pad(refill) : cropped;
}
