import { formatShape, strides, takeElements } from '../ir';
import type { Traced } from '../trace';
import type { NodeInfo, OpDefinition } from './definition';
import { normalizeAxes } from './shared/axes';
import { flatIndex, mapIndex, resolveSlice } from './shared/host-index';
import type { AxisSlice } from './shared/host-index';
import { scatterToSource } from './shared/scatter';

/** Per-axis start/step/count of a Slice node (every axis; unsliced ones take everything). */
function resolve(node: NodeInfo): AxisSlice[] {
  const shape = node.input(0).shape;
  const starts = node.constantInts(1, 'starts');
  const ends = node.constantInts(2, 'ends');
  const axes = node.optionalInput(3)
    ? normalizeAxes(node.constantInts(3, 'axes'), shape.length, node)
    : starts.map((_, i) => i);
  const steps = node.optionalInput(4) ? node.constantInts(4, 'steps') : starts.map(() => 1);
  if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length) {
    node.fail(
      `starts ${formatShape(starts)}, ends ${formatShape(ends)}, axes and steps must have one entry per sliced axis`,
    );
  }
  if (steps.includes(0)) node.fail('a step of 0 is not allowed');
  return shape.map((dim, axis) => {
    const k = axes.indexOf(axis);
    return k < 0 ? { start: 0, step: 1, count: dim } : resolveSlice(dim, starts[k] ?? 0, ends[k] ?? 0, steps[k] ?? 1);
  });
}

function sourceIndex(shape: readonly number[], slices: readonly AxisSlice[]): Int32Array {
  const inStrides = strides(shape);
  return mapIndex(
    slices.map((s) => s.count),
    (c) =>
      flatIndex(
        c.map((v, k) => (slices[k]?.start ?? 0) + v * (slices[k]?.step ?? 1)),
        inStrides,
      ),
  );
}

export const Slice: OpDefinition = {
  op: 'Slice',
  infer: (node) => [{ dtype: node.input(0).dtype, shape: resolve(node).map((s) => s.count) }],
  canonicalize: ({ g, node, inputs }) => {
    // Opset < 10 gave starts, ends and axes as attributes.
    if (!node.attrs.has('starts')) return undefined;
    const ints = (name: string): Traced | undefined =>
      node.attrs.has(name) ? g.constant(node.attrs.ints(name), 'int64') : undefined;
    return [g.op('Slice', [inputs[0], ints('starts'), ints('ends'), ints('axes')], {}, { name: node.name })];
  },
  fold: (node) => {
    const x = node.value(0);
    if (!x) return undefined;
    const slices = resolve(node);
    return [
      takeElements(
        x,
        slices.map((s) => s.count),
        sourceIndex(x.shape, slices),
      ),
    ];
  },
  vjp: ({ dy, x, node, g }) => {
    const shape = x(0).shape;
    const slices = resolve(node);
    if (slices.every((s) => s.step === 1)) {
      // A unit-step slice is undone by zero padding.
      const begins = slices.map((s) => s.start);
      const ends = slices.map((s, k) => (shape[k] ?? 0) - s.start - s.count);
      const pads = [...begins, ...ends];
      return [pads.every((p) => p === 0) ? dy : dy.pad(pads)];
    }
    return [scatterToSource(g, dy, shape, sourceIndex(shape, slices), false)];
  },
};
