import { describe, expect, it } from 'vitest';
import { onnxRuntimeOutputs } from '../testing/exported-outputs';
import { maxAbsDifference } from '../testing/strip-study';
import { Rng } from '../../engine/program';
import { bumps, drifts } from '../testing/synthetic-tasks';
import { ARCHITECTURES, buildNetwork } from './architectures';
import { TORCH_BATCH_NORM } from './batch-norm';
import { exportForwardModel } from './export-forward';
import type { LabelledWindows } from './labelled-windows';
import { measureOutputs } from './metrics';
import { lstm } from './networks';
import type { Network } from './networks';
import { resnet1d } from './resnet1d';
import { trainNetwork } from './trainer';
import type { TrainingOptions } from './trainer';

/**
 * Trains `network` on a separable task; the training loss falls by half, held-out accuracy is far
 * above chance, and the exported ONNX gives the training graph's outputs to 1e-5 (for an odd batch).
 */
async function checkLearnsAndExports(
  network: Network,
  task: (count: number, seed: number) => LabelledWindows,
  options: TrainingOptions,
): Promise<void> {
  const trained = await trainNetwork(network, 'classification', task(192, 1), task(48, 2), options);
  const losses = trained.history.map((h) => h.trainLoss);
  expect(losses.at(-1)).toBeLessThan((losses[0] ?? 0) * 0.5);
  const heldOut = task(61, 3);
  const outputs = await trained.predict(heldOut);
  expect(measureOutputs('classification', outputs, heldOut.targets, heldOut.count).accuracy).toBeGreaterThan(0.85);
  const exported = exportForwardModel(network, trained.params);
  expect(maxAbsDifference(await onnxRuntimeOutputs(exported, heldOut, network), outputs)).toBeLessThan(1e-5);
}

describe('the 1-D ResNet and the LSTM', () => {
  it('trains a small 1-D ResNet (batch norm, strided stages, projection shortcuts) on bumps, and exports it', async () => {
    const network = resnet1d(
      { windowLength: 48, channels: 2, outputs: 3 },
      { channels: [4, 8], kernel: 5, batchNorm: TORCH_BATCH_NORM },
    );
    await checkLearnsAndExports(network, (n, seed) => bumps(n, seed), {
      epochs: 8,
      batchSize: 16,
      learningRate: 0.02,
      keep: 'last',
      seed: 7,
    });
  }, 60_000);

  it('trains a small LSTM on drifting sequences, and exports it', async () => {
    const network = lstm({ windowLength: 16, channels: 2, outputs: 2 }, { hidden: 6 });
    await checkLearnsAndExports(network, (n, seed) => drifts(n, seed), {
      epochs: 8,
      batchSize: 16,
      learningRate: 0.03,
      keep: 'last',
      seed: 3,
    });
  }, 60_000);

  it.each(ARCHITECTURES)('builds %s with default sizes, whose export answers [B, K] for any batch', async (name) => {
    const shape = { windowLength: 32, channels: 2, outputs: 3 };
    const network = buildNetwork(name, shape);
    const params = new Map([...network.init(new Rng(1)), ...(network.training?.initBuffers() ?? [])]);
    const set = bumps(5, 4, 32);
    const outputs = await onnxRuntimeOutputs(exportForwardModel(network, params), set, network);
    expect(outputs.every(Number.isFinite)).toBe(true);
  });

  it('refuses an unknown architecture, listing the known ones', () => {
    expect(() => buildNetwork('mlp', { windowLength: 8, channels: 1, outputs: 2 })).toThrow(
      /architecture 'mlp': expected one of cnn1d, resnet1d, gru, lstm, transformer/,
    );
  });

  it('refuses an even kernel or no stages, naming them', () => {
    const shape = { windowLength: 8, channels: 1, outputs: 2 };
    expect(() => resnet1d(shape, { channels: [4], kernel: 4, batchNorm: TORCH_BATCH_NORM })).toThrow(/kernel 4/);
    expect(() => resnet1d(shape, { channels: [], kernel: 3, batchNorm: TORCH_BATCH_NORM })).toThrow(/channels \[\]/);
  });
});
