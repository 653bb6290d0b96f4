import { afterAll, describe, expect, it } from 'vitest';
import { readGraphSignature } from '../graph-signature';
import { releaseModelSessions } from '../inference';
import { sha256Hex } from '../loaded-model';
import { parseModelCard } from '../model-card';
import { bumps, bumpsDescription } from '../testing/synthetic-tasks';
import { cnn1d } from './networks';
import { measureHeldOut, trainModel } from './train-model';
import type { ModelTrainingSpec } from './train-model';

afterAll(() => releaseModelSessions());

/** Windows of the bump task lifted to a physical offset and scale, as a record's mV would be. */
function physical(seed: number, count: number) {
  const set = bumps(count, seed);
  return { ...set, windows: Float32Array.from(set.windows, (v, i) => (i % 2 === 0 ? 3 + 0.5 * v : -1 + 2 * v)) };
}

const spec: ModelTrainingSpec = {
  description: bumpsDescription('bump-cnn', 'Bump classifier', { samplingRateHz: 100, units: 'mV' }),
  filter: 'none',
  network: cnn1d({ windowLength: 48, channels: 2, outputs: 3 }, { filters: [4, 8], kernel: 5 }),
  data: {
    train: physical(1, 240),
    validation: physical(2, 60),
    test: physical(3, 90),
    testDescription: 'bumps, seed 3',
  },
  options: { epochs: 10, batchSize: 24, learningRate: 0.02, seed: 7 },
};

describe('training a model with its card', () => {
  it('measures the preprocessing on the training windows and the metrics on the held-out ones', async () => {
    const { onnx, card, trained } = await trainModel(spec);
    expect(parseModelCard(card, 'card')).toEqual(card);
    expect(card.sha256).toBe(sha256Hex(onnx));
    expect(card.outputKind).toBe('logits');
    expect(card.training).toMatchObject({ seed: 7, epochs: trained.history.length, batchSize: 24 });

    const { windows, count } = spec.data.train;
    const channel = (d: number) => Array.from({ length: count * 48 }, (_, i) => windows[i * 2 + d] ?? NaN);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
    card.preprocessing.channelMean.forEach((m, d) => expect(m).toBeCloseTo(mean(channel(d)), 4));
    card.preprocessing.channelStd.forEach((s, d) => expect(s).toBeCloseTo(std(channel(d)), 4));

    expect(card.metrics).toMatchObject({ dataset: 'bumps, seed 3', samples: 90 });
    expect(card.metrics.values.accuracy).toBeGreaterThan(0.85);
    const signature = readGraphSignature(onnx, 'bump-cnn.onnx');
    const loaded = { card, sha256: card.sha256, bytes: onnx, signature, source: 'bump-cnn.onnx' };
    const recomputed = await measureHeldOut(loaded, spec.data.test);
    expect(recomputed).toEqual(card.metrics.values);
  });
});

describe('training with a band-pass', () => {
  const bandPass = { design: 'butterworth', order: 2, lowHz: 2, highHz: 30, phase: 'zero-phase' } as const;

  it('stores it in the card, measures the statistics after it, and reproduces the held-out metrics through it', async () => {
    const { onnx, card } = await trainModel({ ...spec, bandPass, options: { ...spec.options, epochs: 3 } });
    expect(card.preprocessing.bandPass).toEqual(bandPass);
    // The band-pass removes the channels' offsets (3 and −1 in physical units): the training mean is about 0.
    card.preprocessing.channelMean.forEach((m) => expect(Math.abs(m)).toBeLessThan(0.1));
    const loaded = {
      card,
      sha256: card.sha256,
      bytes: onnx,
      signature: readGraphSignature(onnx, 'b.onnx'),
      source: 'b.onnx',
    };
    expect(await measureHeldOut(loaded, spec.data.test)).toEqual(card.metrics.values);
  });

  it('refuses a band-pass above the Nyquist frequency before training, naming the field', async () => {
    await expect(trainModel({ ...spec, bandPass: { ...bandPass, highHz: 50 } })).rejects.toThrow(
      /preprocessing\.bandPass\.highHz: expected below the Nyquist frequency of input\.samplingRateHz \(50 Hz\)/,
    );
  });
});
