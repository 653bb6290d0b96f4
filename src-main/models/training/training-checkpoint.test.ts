import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { releaseModelSessions } from '../inference';
import { bumps, bumpsDescription } from '../testing/synthetic-tasks';
import { cnn1d } from './networks';
import { trainModel, trainingRun } from './train-model';
import type { ModelTrainingSpec } from './train-model';
import { readTrainerState, removeTrainingCheckpoint, writeTrainerState } from './training-checkpoint';
import { trainNetwork } from './trainer';
import type { TrainerState } from './trainer';
import { transformerMvts } from './transformer-mvts';

const dir = mkdtempSync(join(tmpdir(), 'salience-checkpoint-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await releaseModelSessions();
});

/** A TimeX-style run in small: dropout masks drawn every step, shuffled batches, AdamW, Poly-1, best macro-F1. */
const spec: ModelTrainingSpec = {
  description: bumpsDescription('bump-transformer', 'Bump transformer', { samplingRateHz: 1, units: '' }),
  filter: 'none',
  network: transformerMvts(
    { windowLength: 48, channels: 2, outputs: 3 },
    { layers: 1, feedForward: 16, dropout: 0.1, normEmbedding: false },
  ),
  data: { train: bumps(120, 1), validation: bumps(30, 2), test: bumps(30, 3), testDescription: 'bumps, seed 3' },
  options: {
    epochs: 4,
    batchSize: 24,
    learningRate: 3e-3,
    weightDecay: 0.01,
    decoupledWeightDecay: true,
    loss: 'poly-1',
    keep: 'best-macro-f1',
    seed: 5,
  },
  standardise: false,
  outputName: 'logits',
};

describe('saving a training run and continuing it', () => {
  it('continues a run stopped after epoch 2 to the same model, to the bit, as a run that never stopped', async () => {
    const whole = await trainModel(spec);
    const checkpoint = join(dir, 'run.state');
    const stopAfter2 = {
      ...spec,
      options: {
        ...spec.options,
        onProgress: (p: { epoch: number }) => {
          if (p.epoch === 2) throw new Error('stopped after epoch 2');
        },
      },
    };
    await expect(trainModel(stopAfter2, { checkpoint })).rejects.toThrow(/stopped after epoch 2/);
    expect(readTrainerState(checkpoint, trainingRun(spec)).epoch).toBe(2);

    const epochs: number[] = [];
    const onProgress = (p: { epoch: number }): void => void epochs.push(p.epoch);
    const resumed = await trainModel({ ...spec, options: { ...spec.options, onProgress } }, { checkpoint });
    expect(epochs).toEqual([3, 4]);
    expect(Buffer.from(resumed.onnx).equals(Buffer.from(whole.onnx))).toBe(true);
    expect(resumed.card).toEqual(whole.card);
    expect(resumed.trained.history).toEqual(whole.trained.history);

    // A finished run's state gives its model again without training, and the training time of its legs.
    const finished = readTrainerState(checkpoint, trainingRun(spec));
    epochs.length = 0;
    const again = await trainModel({ ...spec, options: { ...spec.options, onProgress } }, { checkpoint });
    expect(epochs).toEqual([]);
    expect(Buffer.from(again.onnx).equals(Buffer.from(whole.onnx))).toBe(true);
    expect(again.trained.elapsedSec).toBeGreaterThanOrEqual(finished.elapsedSec);
    expect(finished.elapsedSec).toBeGreaterThan(0);
    removeTrainingCheckpoint(checkpoint);
    expect(existsSync(checkpoint)).toBe(false);
  }, 120_000);

  it('tells runs apart by their data, network and options', () => {
    const digest = (s: ModelTrainingSpec): string => trainingRun(s).digest;
    expect(digest(spec)).toBe(digest({ ...spec }));
    expect(digest({ ...spec, options: { ...spec.options, seed: 6 } })).not.toBe(digest(spec));
    expect(digest({ ...spec, options: { ...spec.options, epochs: 5 } })).not.toBe(digest(spec));
    expect(digest({ ...spec, data: { ...spec.data, train: bumps(120, 9) } })).not.toBe(digest(spec));
    const wider = transformerMvts(
      { windowLength: 48, channels: 2, outputs: 3 },
      { layers: 1, feedForward: 32, dropout: 0.1, normEmbedding: false },
    );
    expect(digest({ ...spec, network: wider })).not.toBe(digest(spec));
    expect(trainingRun(spec).label).toBe(`bump-transformer, ${spec.network.architecture}, 4 epochs, seed 5`);
  });

  it('does not train on from a state saved where early stopping ended the run', async () => {
    const network = cnn1d({ windowLength: 48, channels: 2, outputs: 3 }, { filters: [4], kernel: 3 });
    // Patience 0 stops after the first epoch: no later one can have been better.
    const options = { epochs: 5, batchSize: 10, learningRate: 0.01, seed: 2, keep: 'best' as const, patience: 0 };
    const states: TrainerState[] = [];
    const first = await trainNetwork(network, 'classification', bumps(60, 1), bumps(20, 2), {
      ...options,
      onEpochEnd: (state) => states.push(state),
    });
    expect(first.history).toHaveLength(1);
    const epochs: number[] = [];
    const resumed = await trainNetwork(network, 'classification', bumps(60, 1), bumps(20, 2), {
      ...options,
      resume: states.at(-1),
      onProgress: (p) => epochs.push(p.epoch),
    });
    expect(epochs).toEqual([]);
    expect(resumed.history).toEqual(first.history);
  }, 60_000);

  it("refuses another run's state, a damaged file and a state that does not fit the run, naming what is wrong", async () => {
    const network = cnn1d({ windowLength: 48, channels: 2, outputs: 3 }, { filters: [4], kernel: 3 });
    const options = { epochs: 2, batchSize: 10, learningRate: 0.01, seed: 1 };
    const path = join(dir, 'small.state');
    const run = { label: 'small cnn', digest: 'a1' };
    let saved: TrainerState | undefined;
    await trainNetwork(network, 'classification', bumps(60, 1), bumps(20, 2), {
      ...options,
      onEpochEnd: (state) => {
        saved = state;
        writeTrainerState(path, run, state);
      },
    });
    expect(readTrainerState(path, run)).toEqual(saved);

    expect(() => readTrainerState(path, { label: 'another', digest: 'b2' })).toThrow(
      `${path}: saved by another training run (small cnn) than this one (another)`,
    );
    const bytes = readFileSync(path);
    const truncated = join(dir, 'truncated.state');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 8));
    expect(() => readTrainerState(truncated, run)).toThrow(/truncated\.state: kept\.\S+: bytes \d+…\d+ lie outside/);
    const text = join(dir, 'text.state');
    writeFileSync(text, 'epoch 2\n');
    expect(() => readTrainerState(text, run)).toThrow(`${text}: not a saved training state`);

    // A header of this run with a field gone: read as damage, by the field's name.
    const headerLength = bytes.readUInt32LE(24);
    const header = JSON.parse(bytes.subarray(28, 28 + headerLength).toString('utf8')) as Record<string, unknown>;
    delete header.order;
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    const damaged = join(dir, 'damaged.state');
    writeFileSync(damaged, Buffer.concat([bytes.subarray(0, 24), length, json, bytes.subarray(28 + headerLength)]));
    expect(() => readTrainerState(damaged, run)).toThrow(`${damaged}: the header's 'order' is missing or malformed`);

    const state = readTrainerState(path, run);
    await expect(
      trainNetwork(network, 'classification', bumps(30, 1), bumps(20, 2), { ...options, resume: state }),
    ).rejects.toThrow(
      'the saved training state does not fit this run: its order visits 60 windows, the training set has 30',
    );
    const repeated = Int32Array.from(state.order, (n, i) => (i === 0 ? (state.order[1] ?? 0) : n));
    await expect(
      trainNetwork(network, 'classification', bumps(60, 1), bumps(20, 2), {
        ...options,
        resume: { ...state, order: repeated },
      }),
    ).rejects.toThrow('its order is not a permutation of 0…59');
    await expect(
      trainNetwork(network, 'classification', bumps(60, 1), bumps(20, 2), { ...options, epochs: 1, resume: state }),
    ).rejects.toThrow('it is after epoch 2, this run has epochs 1…1');
    const wider = cnn1d({ windowLength: 48, channels: 2, outputs: 3 }, { filters: [5], kernel: 3 });
    await expect(
      trainNetwork(wider, 'classification', bumps(60, 1), bumps(20, 2), { ...options, resume: state }),
    ).rejects.toThrow(/'conv0\.weight' is float32 \[4, 2, 3\], the step's float32 \[5, 2, 3\]/);
  }, 60_000);
});
