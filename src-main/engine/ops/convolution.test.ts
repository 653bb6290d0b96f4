import { describe, expect, it } from 'vitest';
import { gradients } from '../autodiff';
import { numbers } from '../testing/fixtures';
import { compileGraph, Program, Rng } from '../program';
import { expectGradient } from '../testing/gradient-check';
import { Tracer } from '../trace';
import type { Traced } from '../trace';

// ONNX Runtime's CPU Conv, ConvTranspose and pooling kernels are float32 only.
const f32 = { dtype: 'float32' } as const;

function shuffled(count: number): number[] {
  const rng = new Rng(11);
  const values = Array.from({ length: count }, (_, i) => i - count / 2);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [values[i], values[j]] = [values[j] ?? 0, values[i] ?? 0];
  }
  return values;
}

type ConvCase = [string, number[], number[], Record<string, number[] | number | string>];

describe('VJP rules of convolutions (central differences, float32)', () => {
  it.each<ConvCase>([
    [
      '1-D, stride 2, dilation 2, pads [1, 2], 2 groups',
      [2, 4, 11],
      [6, 2, 3],
      { strides: [2], dilations: [2], pads: [1, 2], group: 2 },
    ],
    ['1-D, stride 3 (a remainder the forward never reads)', [1, 2, 12], [3, 2, 2], { strides: [3] }],
    ['1-D, pads beyond the kernel reach', [1, 2, 5], [2, 2, 2], { pads: [3, 2] }],
    [
      '1-D, stride 2 with dilation 2 (one polyphase component is empty)',
      [1, 2, 12],
      [2, 2, 3],
      { strides: [2], dilations: [2], pads: [2, 1] },
    ],
    ['1-D, stride 3 with dilation 2', [1, 2, 13], [2, 2, 4], { strides: [3], dilations: [2], pads: [1, 3] }],
    ['2-D, strides (2, 3), kernel (3, 1)', [1, 2, 7, 8], [3, 2, 3, 1], { strides: [2, 3], pads: [1, 0, 0, 1] }],
    ['1-D, auto_pad SAME_UPPER, stride 2', [1, 2, 7], [2, 2, 4], { strides: [2], auto_pad: 'SAME_UPPER' }],
    [
      '2-D, strides (2, 1), dilations (1, 2), pads [1, 0, 2, 1], 2 groups',
      [1, 4, 6, 7],
      [4, 2, 2, 3],
      { strides: [2, 1], dilations: [1, 2], pads: [1, 0, 2, 1], group: 2 },
    ],
    ['2-D depthwise, stride 2', [2, 3, 5, 5], [3, 1, 3, 3], { strides: [2, 2], pads: [1, 1, 1, 1], group: 3 }],
  ])('Conv %s: gradients to input, weight and bias', async (_, x, w, attributes) => {
    await expectGradient(
      (g, input, weight, bias) => g.op('Conv', [input, weight, bias], attributes),
      [{ shape: x }, { shape: w }, { shape: [w[0] ?? 1] }],
      f32,
    );
  });

  it('Conv with a frozen weight: the adjoint kernel is flipped and transposed at build time', async () => {
    const weight = (g: Tracer): Traced => g.constant(new Rng(3).normal([4, 2, 3]));
    await expectGradient(
      (g, input) => g.op('Conv', [input, weight(g)], { strides: [2], pads: [1, 1], group: 2 }).tanh(),
      [{ shape: [2, 4, 9] }],
      f32,
    );
  });

  it.each<ConvCase>([
    [
      '1-D, 2 groups, asymmetric pads, output padding',
      [2, 4, 5],
      [4, 3, 3],
      { strides: [2], pads: [1, 0], output_padding: [1], group: 2 },
    ],
    ['1-D, dilation 2', [1, 2, 4], [2, 2, 2], { dilations: [2], strides: [3] }],
    ['2-D with output_shape', [1, 2, 3, 3], [2, 2, 3, 3], { strides: [2, 2], output_shape: [6, 5] }],
  ])('ConvTranspose %s: gradients to input, weight and bias', async (_, x, w, attributes) => {
    await expectGradient(
      (g, input, weight, bias) => g.op('ConvTranspose', [input, weight, bias], attributes),
      [{ shape: x }, { shape: w }, { shape: [(w[1] ?? 1) * Number(attributes.group ?? 1)] }],
      f32,
    );
  });
});

describe('1-D convolutions and pools run as 2-D ones of height 1', () => {
  it('keeps a Conv → Relu → MaxPool → Conv → Add chain in 2-D, with one Unsqueeze in and one Squeeze out', () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [2, 3, 16]);
    const w1 = g.constant(new Rng(1).normal([4, 3, 3]));
    const w2 = g.constant(new Rng(2).normal([4, 4, 3]));
    const h = x
      .conv(w1, undefined, { pads: [1, 1] })
      .relu()
      .maxPool({ kernel: [2], strides: [2] });
    const y = h.conv(w2, undefined, { pads: [1, 1] }).add(h);
    expect(y.shape).toEqual([2, 4, 8]);
    // Squeezes emitted on the way and then sunk are dead: the compiled graph drops them.
    const { model } = compileGraph({ y });
    const ops = model.graph.nodes.map((n) => n.op);
    expect(ops).toEqual(['Unsqueeze', 'Conv', 'Relu', 'MaxPool', 'Conv', 'Add', 'Squeeze']);
    const inner = model.graph.nodes.slice(1, -1);
    expect(inner.every((n) => model.graph.valueTypes.get(n.outputs[0] ?? '')?.shape.length === 4)).toBe(true);
  });

  it('interleaves the polyphase parts of a strided 1-D convolution’s input gradient without a Transpose', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [2, 3, 11]);
    const y = x.conv(g.constant(new Rng(1).normal([4, 3, 3])), undefined, { strides: [2], pads: [1, 1] });
    const [dx] = gradients(y.reduceSum(), [x]) as [Traced];
    const ops = compileGraph({ dx }).model.graph.nodes.map((n) => n.op);
    expect(ops.filter((op) => op === 'Conv')).toHaveLength(2);
    expect(ops).not.toContain('Transpose');
    await expectGradient(
      (_g, v) => v.conv(_g.constant(new Rng(1).normal([4, 3, 3])), undefined, { strides: [2], pads: [1, 1] }),
      [{ shape: [2, 3, 11] }],
      f32,
    );
  });
});

describe('VJP rules of pooling (central differences, float32)', () => {
  it.each([
    ['1-D k 3 stride 2 pads [1, 1] (overlapping)', [2, 2, 9], { kernel: [3], strides: [2], pads: [1, 1] }],
    ['1-D ceil mode', [1, 2, 8], { kernel: [3], strides: [2], pads: [1, 1], ceilMode: true }],
    ['2-D k (3, 2) stride 2 pads [1, 0, 1, 0]', [1, 2, 5, 6], { kernel: [3, 2], strides: [2, 2], pads: [1, 0, 1, 0] }],
    ['1-D dilation 2', [1, 1, 9], { kernel: [2], dilations: [2] }],
    ['1-D tiling windows k 2 stride 2 with a begin pad', [2, 2, 9], { kernel: [2], strides: [2], pads: [1, 0] }],
    [
      '1-D tiling windows k 3 stride 3, ceil mode (a partial last window)',
      [1, 2, 10],
      { kernel: [3], strides: [3], ceilMode: true },
    ],
    [
      '2-D tiling windows k (2, 2) stride 2 with pads',
      [1, 2, 5, 6],
      { kernel: [2, 2], strides: [2, 2], pads: [1, 0, 0, 1] },
    ],
  ] as const)('MaxPool %s', async (_, shape, options) => {
    // Distinct values 0.1 apart: a finite-difference step never swaps which element is the maximum.
    const count = (shape as readonly number[]).reduce((a, b) => a * b, 1);
    const values = shuffled(count).map((v) => v / 10);
    await expectGradient((_g, x) => x.maxPool(options), [{ shape, values }], f32);
  });

  it('MaxPool gives a tied window gradient to its first maximum only', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [1, 1, 6]);
    const tiled = x.maxPool({ kernel: [2], strides: [2] });
    const overlapping = x.maxPool({ kernel: [2], strides: [1] });
    const [dTiled] = gradients(tiled, [x]) as [Traced];
    const [dOverlapping] = gradients(overlapping, [x]) as [Traced];
    const program = await Program.compile({ dTiled, dOverlapping });
    const out = await program.run({ x: Float32Array.from([1, 1, 0, 2, 3, 3]) });
    expect(numbers(out.dTiled)).toEqual([1, 0, 0, 1, 1, 0]);
    // Windows [1,1] [1,0] [0,2] [2,3] [3,3]: first maxima at 0, 1, 3, 4, 4.
    expect(numbers(out.dOverlapping)).toEqual([1, 1, 0, 1, 2, 0]);
  });

  it.each([
    ['1-D pads [1, 1], padding not counted', [2, 2, 9], { kernel: [3], strides: [2], pads: [1, 1] }],
    ['1-D pads [1, 1], padding counted', [2, 2, 9], { kernel: [3], strides: [2], pads: [1, 1], countIncludePad: true }],
    ['1-D ceil mode, padding not counted', [1, 2, 8], { kernel: [3], strides: [2], pads: [1, 1], ceilMode: true }],
    [
      '1-D ceil mode, padding counted',
      [1, 2, 8],
      { kernel: [3], strides: [2], pads: [1, 1], ceilMode: true, countIncludePad: true },
    ],
    ['2-D k (2, 3) stride (1, 2)', [1, 2, 4, 7], { kernel: [2, 3], strides: [1, 2], pads: [0, 1, 1, 1] }],
  ] as const)('AveragePool %s', async (_, shape, options) => {
    await expectGradient((_g, x) => x.averagePool(options), [{ shape }], f32);
  });

  it('GlobalAveragePool and GlobalMaxPool', async () => {
    await expectGradient((_, x) => x.globalAveragePool(), [{ shape: [2, 3, 5] }], f32);
    await expectGradient((_, x) => x.globalMaxPool(), [{ shape: [2, 3, 2, 3] }], f32);
  });
});
