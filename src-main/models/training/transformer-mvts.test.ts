import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { tensor, toNumbers } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { Program, Rng } from '../../engine/program';
import { Tracer } from '../../engine/trace';
import { exportForwardModel } from './export-forward';
import type { LabelledWindows } from './labelled-windows';
import type { Network } from './networks';
import { trainNetwork } from './trainer';
import { transformerMvts } from './transformer-mvts';
import type { TransformerMvtsOptions } from './transformer-mvts';

type Matrix = number[][];

const matmul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => (b[0] ?? []).map((_, j) => row.reduce((s, v, k) => s + v * (b[k]?.[j] ?? NaN), 0)));
const addRow = (a: Matrix, bias: number[]): Matrix => a.map((row) => row.map((v, j) => v + (bias[j] ?? NaN)));
const times = (a: Matrix, mask: Matrix | undefined): Matrix =>
  mask ? a.map((row, i) => row.map((v, j) => v * (mask[i]?.[j] ?? NaN))) : a;
const layerNorm = (a: Matrix, scale: number[], bias: number[]): Matrix =>
  a.map((row) => {
    const mean = row.reduce((s, v) => s + v, 0) / row.length;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / row.length;
    return row.map((v, j) => ((v - mean) / Math.sqrt(variance + 1e-5)) * (scale[j] ?? NaN) + (bias[j] ?? NaN));
  });

/**
 * A float64 plain-loop transcription of timexpp.md §2.2, §2.3 and §4 for one window [T][D], with
 * optional dropout masks (already scaled) per site, indexed [row][column] for this window.
 */
function referenceLogits(
  x: Matrix,
  params: ReadonlyMap<string, Tensor>,
  options: TransformerMvtsOptions,
  masks: (site: string) => Matrix | undefined = () => undefined,
): number[] {
  const p = (name: string): number[] => toNumbers(params.get(name) ?? tensor('float32', [0]));
  const matrix = (name: string): Matrix => {
    const value = params.get(name);
    const [rows = 0, cols = 0] = value?.shape ?? [];
    const flat = p(name);
    return Array.from({ length: rows }, (_, i) => flat.slice(i * cols, (i + 1) * cols));
  };
  const T = x.length;
  const stamps = options.times ?? Array.from({ length: T }, (_, t) => t + 1);
  // §2.2: τ_k = T^{k/7}; PE = [sin(t/τ_0..7), cos(t/τ_0..7)]; Z⁰ = [PE, X].
  let z: Matrix = x.map((row, t) => {
    const tau = Array.from({ length: 8 }, (_, k) => T ** (k / 7));
    const s = stamps[t] ?? NaN;
    return [...tau.map((v) => Math.sin(s / v)), ...tau.map((v) => Math.cos(s / v)), ...row];
  });
  const d = z[0]?.length ?? 0;
  for (let l = 0; l < options.layers; l++) {
    const at = (name: string): string => `layer${l}.${name}`;
    const qkv = addRow(matmul(z, matrix(at('attention.inProj.weight'))), p(at('attention.inProj.bias')));
    const q = qkv.map((r) => r.slice(0, d));
    const k = qkv.map((r) => r.slice(d, 2 * d));
    const v = qkv.map((r) => r.slice(2 * d));
    const scores = q.map((qi) => k.map((kj) => qi.reduce((s, a, c) => s + a * (kj[c] ?? NaN), 0) / Math.sqrt(d)));
    const probabilities = times(
      scores.map((row) => {
        const top = Math.max(...row);
        const e = row.map((s) => Math.exp(s - top));
        const sum = e.reduce((a, b) => a + b, 0);
        return e.map((s) => s / sum);
      }),
      masks(at('dropout.attention')),
    );
    const attended = addRow(
      matmul(matmul(probabilities, v), matrix(at('attention.outProj.weight'))),
      p(at('attention.outProj.bias')),
    );
    // No residual around attention.
    const h = layerNorm(times(attended, masks(at('dropout.attentionOut'))), p(at('norm1.scale')), p(at('norm1.bias')));
    const hidden = times(
      addRow(matmul(h, matrix(at('ff1.weight'))), p(at('ff1.bias'))).map((r) => r.map((a) => Math.max(0, a))),
      masks(at('dropout.ffHidden')),
    );
    const ff = times(addRow(matmul(hidden, matrix(at('ff2.weight'))), p(at('ff2.bias'))), masks(at('dropout.ffOut')));
    z = layerNorm(
      h.map((row, t) => row.map((a, j) => a + (ff[t]?.[j] ?? NaN))),
      p(at('norm2.scale')),
      p(at('norm2.bias')),
    );
  }
  const positives = stamps.filter((s) => s > 0).length;
  let pooled = Array.from({ length: d }, (_, j) => z.reduce((s, row) => s + (row[j] ?? NaN), 0) / (positives + 1));
  if (options.normEmbedding) {
    const norm = Math.max(Math.sqrt(pooled.reduce((s, v) => s + v * v, 0)), 1e-12);
    pooled = pooled.map((v) => v / norm);
  }
  const hidden = addRow(matmul([pooled], matrix('head.hidden.weight')), p('head.hidden.bias')).map((r) =>
    r.map((v) => Math.max(0, v)),
  );
  return addRow(matmul(hidden, matrix('head.out.weight')), p('head.out.bias'))[0] ?? [];
}

const windowsOf = (data: Float32Array, count: number, time: number, channels: number): Matrix[] =>
  Array.from({ length: count }, (_, n) =>
    Array.from({ length: time }, (_, t) =>
      Array.from(data.subarray((n * time + t) * channels, (n * time + t + 1) * channels)),
    ),
  );

/** The graph's outputs for windows [B, T, D] with the given parameters: inference, or training with fed masks. */
async function graphOutputs(
  network: Network,
  params: ReadonlyMap<string, Tensor>,
  x: Tensor,
  masks?: ReadonlyMap<string, Tensor>,
): Promise<number[]> {
  const g = new Tracer();
  const input = g.input('x', 'float32', x.shape);
  const value = (name: string) => g.constant(params.get(name) ?? tensor('float32', [0]));
  const y =
    masks && network.training
      ? network.training.forward(input, value, {
          time: g.constant(0),
          drawn: (name, shape) => g.input(name, 'float32', shape),
        }).outputs
      : network.forward(input, value);
  const { y: out } = await (await Program.compile({ y })).run({ x, ...Object.fromEntries(masks ?? []) });
  return toNumbers(out as Tensor);
}

const tiny = { windowLength: 6, channels: 2, outputs: 3 };
const shuffledInit = (network: Network, seed: number): Map<string, Tensor> => {
  // Perturb the LayerNorm and bias initial values so that every parameter matters to the check.
  const rng = new Rng(seed);
  return new Map(
    [...network.init(rng)].map(([name, value]) => [
      name,
      { ...value, data: Float32Array.from(toNumbers(value), (v) => v + (rng.next() - 0.5) * 0.4) },
    ]),
  );
};

describe('TransformerMVTS (timexpp.md §4)', () => {
  const cases: [string, TransformerMvtsOptions][] = [
    ['1 layer', { layers: 1, feedForward: 4, dropout: 0.1, normEmbedding: false }],
    [
      '2 layers, L2-normed embedding, ECG-style stamps from 0',
      { layers: 2, feedForward: 5, dropout: 0.25, normEmbedding: true, times: [0, 1, 2, 3, 4, 5] },
    ],
  ];

  it.each(cases)('its forward equals a float64 transcription of the formulas (%s)', async (_, options) => {
    const network = transformerMvts(tiny, options);
    const params = shuffledInit(network, 11);
    const rng = new Rng(5);
    const x = rng.normal([4, tiny.windowLength, tiny.channels]);
    const got = await graphOutputs(network, params, x);
    const want = windowsOf(x.data as Float32Array, 4, tiny.windowLength, tiny.channels).flatMap((w) =>
      referenceLogits(w, params, options),
    );
    expect(got).toHaveLength(want.length);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
  });

  it('training applies the drawn dropout masks at the four sites of §2.3', async () => {
    const options: TransformerMvtsOptions = { layers: 2, feedForward: 4, dropout: 0.3, normEmbedding: false };
    const network = transformerMvts(tiny, options);
    const params = shuffledInit(network, 3);
    const batch = 3;
    const masks = network.training?.draw(new Rng(8), batch) ?? new Map<string, Tensor>();
    expect([...masks.keys()].sort()).toEqual(
      [0, 1]
        .flatMap((l) => ['attention', 'attentionOut', 'ffHidden', 'ffOut'].map((s) => `layer${l}.dropout.${s}`))
        .sort(),
    );
    // Inverted dropout: every mask value is 0 or 1/(1 − p).
    for (const mask of masks.values()) {
      toNumbers(mask).forEach((v) => expect(v === 0 || Math.abs(v - 1 / 0.7) < 1e-6).toBe(true));
    }
    const x = new Rng(9).normal([batch, tiny.windowLength, tiny.channels]);
    const got = await graphOutputs(network, params, x, masks);
    const maskOf = (site: string, n: number): Matrix => {
      const mask = masks.get(site);
      const [, rows = 0, cols = 0] = mask?.shape ?? [];
      return windowsOf(mask?.data as Float32Array, batch, rows, cols)[n] ?? [];
    };
    const want = windowsOf(x.data as Float32Array, batch, tiny.windowLength, tiny.channels).flatMap((w, n) =>
      referenceLogits(w, params, options, (site) => maskOf(site, n)),
    );
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
    expect(got).not.toEqual(await graphOutputs(network, params, x));
  });

  it('draws its masks with Rng.bernoulliPacked when asked, says so in its architecture, and refuses a rate that needs more bits', () => {
    const options: TransformerMvtsOptions = { layers: 2, feedForward: 4, dropout: 0.25, normEmbedding: false };
    const packed = transformerMvts(tiny, { ...options, dropoutDraws: 'packed' });
    expect(packed.architecture).toBe(
      transformerMvts(tiny, options).architecture.replace(/\)$/, ', dropoutDraws=packed)'),
    );
    const masks = packed.training?.draw(new Rng(8), 3) ?? new Map<string, Tensor>();
    const expected = new Rng(8);
    for (const [site, mask] of masks) {
      expect(toNumbers(mask), site).toEqual(toNumbers(expected.bernoulliPacked(mask.shape, 0.75, { one: 1 / 0.75 })));
    }
    expect(() => transformerMvts(tiny, { ...options, dropout: 0.1, dropoutDraws: 'packed' })).toThrow(
      /dropoutDraws: 'packed' needs a dropout rate that is a multiple of 2\^-16, got 0\.1/,
    );
  });

  it('initialises every layer with the same weights, as nn.TransformerEncoder does', () => {
    const params = transformerMvts(tiny, { layers: 2, feedForward: 4, dropout: 0, normEmbedding: false }).init(
      new Rng(1),
    );
    for (const [name, value] of params) {
      if (name.startsWith('layer1.'))
        expect(toNumbers(value)).toEqual(toNumbers(params.get(name.replace('layer1.', 'layer0.')) as Tensor));
    }
    expect(params.get('layer0.attention.inProj.weight')?.shape).toEqual([18, 54]);
  });

  it('trains, and the exported ONNX (input x, output logits, stamps baked in) equals the inference graph for any batch', async () => {
    const network = transformerMvts(tiny, { layers: 1, feedForward: 4, dropout: 0.1, normEmbedding: true });
    const set = (count: number, seed: number): LabelledWindows => {
      const rng = new Rng(seed);
      const windows = rng.normal([count, tiny.windowLength, tiny.channels]).data as Float32Array;
      const targets = Float32Array.from({ length: count }, (_, n) => n % 3);
      // The class shifts channel 0, so the task is learnable.
      windows.forEach((v, i) => (windows[i] = v + (i % 2 === 0 ? (targets[Math.floor(i / 12)] ?? 0) : 0)));
      return { windows, targets, count };
    };
    const trained = await trainNetwork(network, 'classification', set(60, 1), set(12, 2), {
      epochs: 3,
      batchSize: 12,
      learningRate: 0.01,
      seed: 4,
    });
    const heldOut = set(7, 3);
    const expected = await trained.predict(heldOut);
    const session = await ort.InferenceSession.create(exportForwardModel(network, trained.params, 'logits'));
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['logits']);
    for (const count of [1, 7]) {
      const x = new ort.Tensor('float32', heldOut.windows.slice(0, count * 12), [
        count,
        tiny.windowLength,
        tiny.channels,
      ]);
      const { logits } = await session.run({ x });
      expect(logits?.dims).toEqual([count, 3]);
      (logits?.data as Float32Array).forEach((v, i) => expect(Math.abs(v - (expected[i] ?? NaN))).toBeLessThan(1e-5));
    }
    await session.release();
  });
});
