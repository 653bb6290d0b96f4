import { describe, expect, it } from 'vitest';
import { onnxRuntimeOutputs } from '../testing/exported-outputs';
import { maxAbsDifference } from '../testing/strip-study';
import { bumps, drifts } from '../testing/synthetic-tasks';
import { exportForwardModel } from './export-forward';
import { measureOutputs } from './metrics';
import { cnn1d, gru } from './networks';
import { trainNetwork } from './trainer';
import type { TrainingProgress } from './trainer';

describe('training on the engine', () => {
  it('trains a small CNN: the loss falls, held-out accuracy is far above chance, the ONNX export reproduces it', async () => {
    const network = cnn1d({ windowLength: 48, channels: 2, outputs: 3 }, { filters: [4, 8], kernel: 5 });
    const progress: TrainingProgress[] = [];
    const trained = await trainNetwork(network, 'classification', bumps(240, 1), bumps(60, 2), {
      epochs: 12,
      batchSize: 24,
      learningRate: 0.02,
      weightDecay: 1e-4,
      seed: 7,
      onProgress: (p) => progress.push(p),
    });
    const losses = trained.history.map((h) => h.trainLoss);
    expect(losses.at(-1)).toBeLessThan((losses[0] ?? 0) * 0.5);
    expect(progress.map((p) => p.epoch)).toEqual(trained.history.map((_, i) => i + 1));
    expect(progress.at(-1)?.etaSec).toBe(0);

    const heldOut = bumps(90, 3);
    const outputs = await trained.predict(heldOut);
    expect(measureOutputs('classification', outputs, heldOut.targets, heldOut.count).accuracy).toBeGreaterThan(0.85);

    const exported = exportForwardModel(network, trained.params);
    expect(maxAbsDifference(await onnxRuntimeOutputs(exported, heldOut, network), outputs)).toBeLessThan(1e-5);
  }, 60_000);

  it('trains a small GRU to separate sequences, and its export reproduces it for any batch size', async () => {
    const network = gru({ windowLength: 16, channels: 2, outputs: 2 }, { hidden: 6 });
    const trained = await trainNetwork(network, 'classification', drifts(160, 4), drifts(40, 5), {
      epochs: 10,
      batchSize: 16,
      learningRate: 0.03,
      seed: 3,
    });
    const losses = trained.history.map((h) => h.trainLoss);
    expect(losses.at(-1)).toBeLessThan((losses[0] ?? 0) * 0.5);
    const heldOut = drifts(37, 6);
    const outputs = await trained.predict(heldOut);
    expect(measureOutputs('classification', outputs, heldOut.targets, heldOut.count).accuracy).toBeGreaterThan(0.85);
    const exported = exportForwardModel(network, trained.params);
    expect(maxAbsDifference(await onnxRuntimeOutputs(exported, heldOut, network), outputs)).toBeLessThan(1e-5);
  }, 60_000);

  it('is reproducible to the bit from its seed', async () => {
    const network = cnn1d({ windowLength: 48, channels: 2, outputs: 3 }, { filters: [4], kernel: 3 });
    const options = { epochs: 2, batchSize: 20, learningRate: 0.01, seed: 11 };
    const [a, b] = await Promise.all(
      [1, 2].map(() => trainNetwork(network, 'classification', bumps(60, 1), bumps(20, 2), options)),
    );
    const bytes = (t: typeof a) => Buffer.from(exportForwardModel(network, t?.params ?? new Map()));
    expect(bytes(a).equals(bytes(b))).toBe(true);
    expect(a?.history).toEqual(b?.history);
  }, 60_000);

  it('stops early when the validation loss stops falling, keeping the best epoch', async () => {
    const network = cnn1d({ windowLength: 48, channels: 2, outputs: 3 }, { filters: [4], kernel: 3 });
    const noise = bumps(30, 9);
    // Labels unrelated to the windows: fitting the training set cannot lower this loss for long.
    const unrelated = { ...noise, targets: Float32Array.from(noise.targets, (_, i) => i % 3) };
    const trained = await trainNetwork(network, 'classification', bumps(60, 1), unrelated, {
      epochs: 40,
      batchSize: 20,
      learningRate: 0.05,
      patience: 2,
      seed: 5,
    });
    expect(trained.history.length).toBeLessThan(40);
    expect(trained.history.length - trained.keptEpoch).toBe(2);
    const best = trained.history[trained.keptEpoch - 1]?.validationLoss ?? NaN;
    expect(Math.min(...trained.history.map((h) => h.validationLoss))).toBe(best);
  }, 60_000);

  it('refuses a batch larger than the training set, naming the sizes', async () => {
    const network = gru({ windowLength: 16, channels: 2, outputs: 2 }, { hidden: 2 });
    await expect(
      trainNetwork(network, 'classification', drifts(8, 1), drifts(4, 2), {
        epochs: 1,
        batchSize: 16,
        learningRate: 0.1,
        seed: 1,
      }),
    ).rejects.toThrow("batch size 16: expected a whole number from 1 to the training set's 8 windows");
  });
});
