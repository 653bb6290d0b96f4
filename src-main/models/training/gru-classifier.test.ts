import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { tensor, toNumbers } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { Program, Rng } from '../../engine/program';
import { Tracer } from '../../engine/trace';
import { TORCH_BATCH_NORM } from './batch-norm';
import { exportForwardModel } from './export-forward';
import { gruClassifier } from './gru-classifier';
import type { GruClassifierOptions } from './gru-classifier';
import type { LabelledWindows } from './labelled-windows';
import { measureOutputs } from './metrics';
import type { Network, NetworkShape } from './networks';
import { trainNetwork } from './trainer';

const shape: NetworkShape = { windowLength: 7, channels: 3, outputs: 2 };
const options: GruClassifierOptions = { hidden: 5, dropout: 0.5, batchNorm: TORCH_BATCH_NORM, answers: 'every-step' };
const [B, T, D, H, K] = [4, shape.windowLength, shape.channels, options.hidden, shape.outputs];

const values = (t: Tensor | undefined): number[] => (t ? toNumbers(t) : []);
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/**
 * PyTorch's GRU written out in plain arithmetic (gates z, r, h in ONNX's stacking, the reset gate
 * applied after the recurrent product), from a zero state: the hidden states [N][T][H].
 */
function referenceStates(params: ReadonlyMap<string, Tensor>, x: Float32Array, count: number): number[][][] {
  const [w, r, bias] = ['gru.W', 'gru.R', 'gru.B'].map((name) => values(params.get(name))) as [
    number[],
    number[],
    number[],
  ];
  const at = (v: number[], i: number): number => v[i] ?? NaN;
  return Array.from({ length: count }, (_, n) => {
    let h = new Array<number>(H).fill(0);
    return Array.from({ length: T }, (_, t) => {
      const input = (gate: number, j: number): number => {
        let sum = at(bias, gate * H + j);
        for (let d = 0; d < D; d++) sum += at(w, (gate * H + j) * D + d) * (x[(n * T + t) * D + d] ?? NaN);
        return sum;
      };
      const recurrent = (gate: number, j: number): number => {
        let sum = at(bias, 3 * H + gate * H + j);
        for (let k = 0; k < H; k++) sum += at(r, (gate * H + j) * H + k) * at(h, k);
        return sum;
      };
      h = h.map((previous, j) => {
        const z = sigmoid(input(0, j) + recurrent(0, j));
        const reset = sigmoid(input(1, j) + recurrent(1, j));
        const candidate = Math.tanh(input(2, j) + reset * recurrent(2, j));
        return (1 - z) * candidate + z * previous;
      });
      return h;
    });
  });
}

/** The classifier in inference mode in plain arithmetic: BatchNorm with running statistics, ReLU, the head; logits [N, T, K]. */
function reference(params: ReadonlyMap<string, Tensor>, x: Float32Array, count: number): number[] {
  const p = (name: string): number[] => values(params.get(name));
  const [scale, shift, mean, variance] = [p('norm.scale'), p('norm.bias'), p(RUNNING[0]), p(RUNNING[1])];
  const [weight, headBias] = [p('head.weight'), p('head.bias')];
  const at = (v: number[], i: number): number => v[i] ?? NaN;
  return referenceStates(params, x, count).flatMap((series) =>
    series.flatMap((h) => {
      const features = h.map((v, j) =>
        Math.max(0, ((v - at(mean, j)) / Math.sqrt(at(variance, j) + 1e-5)) * at(scale, j) + at(shift, j)),
      );
      return Array.from({ length: K }, (_, k) =>
        features.reduce((sum, f, j) => sum + f * at(weight, j * K + k), at(headBias, k)),
      );
    }),
  );
}

const RUNNING = ['norm.runningMean', 'norm.runningVariance'] as const;

/** Initial parameters with buffers and norm parameters away from their defaults, so that each one matters. */
function someParams(network: Network, seed: number): Map<string, Tensor> {
  const rng = new Rng(seed);
  const params = new Map([...network.init(rng), ...(network.training?.initBuffers() ?? [])]);
  params.set('norm.scale', rng.uniform([H], { low: 0.5, high: 2 }));
  params.set('norm.bias', rng.normal([H], { std: 0.3 }));
  params.set(RUNNING[0], rng.normal([H], { std: 0.2 }));
  params.set(RUNNING[1], rng.uniform([H], { low: 0.05, high: 0.5 }));
  return params;
}

async function runOnnx(bytes: Uint8Array, x: Float32Array, count: number): Promise<ort.Tensor> {
  const session = await ort.InferenceSession.create(bytes);
  const out = (await session.run({ x: new ort.Tensor('float32', x, [count, T, D]) })).logits;
  await session.release();
  if (!out) throw new Error('no logits');
  return out;
}

/**
 * Per-step labels that need the GRU's memory: y_t = 1 when channel 0 at t plus channel 1 at t − 1
 * is positive.
 */
function memoryTask(count: number, seed: number, steps = T): LabelledWindows {
  const rng = new Rng(seed);
  const windows = rng.normal([count, steps, D]).data as Float32Array;
  const targets = new Float32Array(count * steps);
  for (let n = 0; n < count; n++) {
    for (let t = 0; t < steps; t++) {
      const previous = t > 0 ? (windows[(n * steps + t - 1) * D + 1] ?? 0) : 0;
      targets[n * steps + t] = (windows[(n * steps + t) * D] ?? 0) + previous > 0 ? 1 : 0;
    }
  }
  return { windows, targets, count, perTimeStep: true };
}

describe('the GRU → BatchNorm → ReLU → Dropout → Linear classifier', () => {
  const network = gruClassifier(shape, options);
  const x = new Rng(5).normal([B, T, D]).data as Float32Array;

  it('exports logits [B, T, K] that match a plain computation, for any batch size', async () => {
    const params = someParams(network, 1);
    const onnx = exportForwardModel(network, params, 'logits');
    const logits = await runOnnx(onnx, x, B);
    expect(logits.dims).toEqual([B, T, K]);
    const expected = reference(params, x, B);
    Array.from(logits.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
    const one = await runOnnx(onnx, x.slice(2 * T * D, 3 * T * D), 1);
    expect(Array.from(one.data as Float32Array)).toEqual(
      Array.from((logits.data as Float32Array).subarray(2 * T * K, 3 * T * K)),
    );
  });

  it('answers with the last step alone as the every-step model answers at T − 1', async () => {
    const params = someParams(network, 2);
    const last = gruClassifier(shape, { ...options, answers: 'last-step' });
    const every = await runOnnx(exportForwardModel(network, params, 'logits'), x, B);
    const final = await runOnnx(exportForwardModel(last, params, 'logits'), x, B);
    expect(final.dims).toEqual([B, K]);
    const atLast = Array.from({ length: B * K }, (_, i) => {
      const [n, k] = [Math.floor(i / K), i % K];
      return (every.data as Float32Array)[(n * T + T - 1) * K + k];
    });
    Array.from(final.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(atLast[i] ?? NaN, 6));
  });

  it('in training reads the selected time step, normalised by its batch: the export with those statistics agrees', async () => {
    const params = someParams(network, 3);
    const mode = network.training;
    if (!mode) throw new Error('no training mode');
    const g = new Tracer();
    const input = g.input('x', 'float32', [B, T, D]);
    const time = g.input('time', 'float32', [T]);
    const graph = mode.forward(input, (name) => g.constant(params.get(name) as Tensor), {
      time,
      drawn: (name, dims) => g.input(name, 'float32', dims),
    });
    const program = await Program.compile({ outputs: graph.outputs, ...graph.statistics });
    const step = 4;
    const keepAll = new Float32Array(B * H).fill(1);
    const oneHot = Float32Array.from({ length: T }, (_, t) => (t === step ? 1 : 0));
    const out = await program.run({ x, time: oneHot, 'dropout.mask': keepAll });
    expect(out.outputs?.shape).toEqual([B, K]);

    // With the running statistics set to this batch's (the variance back to the biased one), inference is training without dropout.
    const biased = values(out[RUNNING[1]]).map((v) => (v * (B - 1)) / B);
    const frozen = new Map(params);
    frozen.set(RUNNING[0], out[RUNNING[0]] as Tensor);
    frozen.set(RUNNING[1], tensor('float32', [H], Float32Array.from(biased)));
    const logits = await runOnnx(exportForwardModel(network, frozen, 'logits'), x, B);
    const atStep = Array.from({ length: B * K }, (_, i) => {
      const [n, k] = [Math.floor(i / K), i % K];
      return (logits.data as Float32Array)[(n * T + step) * K + k];
    });
    values(out.outputs).forEach((v, i) => expect(v).toBeCloseTo(atStep[i] ?? NaN, 4));

    // A drawn dropout mask zeroes units and scales the kept ones by 1 / (1 − p).
    const mask = mode.draw(new Rng(9), B).get('dropout.mask');
    expect(mask?.shape).toEqual([B, H]);
    expect(new Set(values(mask))).toEqual(new Set([0, 2]));
  });

  it('moves its running statistics towards the batch statistics of the step it trained on', async () => {
    // One window per class, one step: the statistics are those of the last hidden states under the initial weights.
    const last = gruClassifier(shape, { ...options, answers: 'last-step' });
    const set: LabelledWindows = { windows: x, targets: Float32Array.from([0, 1, 1, 0]), count: B };
    const trained = await trainNetwork(last, 'classification', set, set, {
      epochs: 1,
      batchSize: B,
      learningRate: 0.01,
      keep: 'last',
      seed: 13,
    });
    const states = referenceStates(last.init(new Rng(13)), x, B);
    const hiddenStates = Array.from({ length: H }, (_, j) => states.map((series) => series[T - 1]?.[j] ?? NaN));
    const momentum = TORCH_BATCH_NORM.momentum;
    const runningMean = values(trained.params.get(RUNNING[0]));
    const runningVariance = values(trained.params.get(RUNNING[1]));
    hiddenStates.forEach((h, j) => {
      const mu = h.reduce((a, b) => a + b, 0) / B;
      const unbiased = h.reduce((s, v) => s + (v - mu) ** 2, 0) / (B - 1);
      expect(runningMean[j]).toBeCloseTo(momentum * mu, 5);
      expect(runningVariance[j]).toBeCloseTo(1 - momentum + momentum * unbiased, 5);
    });
  }, 60_000);

  it('learns per-step labels: the loss falls, accuracy over all steps is far above chance, and the export reproduces it', async () => {
    const small = gruClassifier({ ...shape, windowLength: 12 }, { ...options, hidden: 16, dropout: 0.1 });
    const train = memoryTask(96, 1, 12);
    const run = (): ReturnType<typeof trainNetwork> =>
      trainNetwork(small, 'classification', train, memoryTask(32, 2, 12), {
        epochs: 12,
        batchSize: 16,
        learningRate: 0.02,
        keep: 'last',
        shuffle: false,
        seed: 4,
      });
    const trained = await run();
    expect(trained.keptEpoch).toBe(12);
    const losses = trained.history.map((h) => h.validationLoss);
    expect(losses.at(-1)).toBeLessThan((losses[0] ?? 0) * 0.7);

    const heldOut = memoryTask(40, 3, 12);
    const outputs = await trained.predict(heldOut);
    expect(outputs.length).toBe(40 * 12 * K);
    const accuracy = measureOutputs('classification', outputs, heldOut.targets, 40 * 12).accuracy ?? 0;
    expect(accuracy).toBeGreaterThan(0.8);
    const onnx = exportForwardModel(small, trained.params, 'logits');
    const session = await ort.InferenceSession.create(onnx);
    const exported = await session.run({ x: new ort.Tensor('float32', heldOut.windows, [40, 12, D]) });
    await session.release();
    Array.from(exported.logits?.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(outputs[i] ?? NaN, 4));

    const again = await run();
    expect(again.history).toEqual(trained.history);
    expect(Buffer.from(exportForwardModel(small, again.params, 'logits')).equals(Buffer.from(onnx))).toBe(true);
  }, 120_000);

  it('refuses per-step targets for a network that answers per window, naming both', async () => {
    const last = gruClassifier(shape, { ...options, answers: 'last-step' });
    const set = memoryTask(8, 1);
    await expect(
      trainNetwork(last, 'classification', set, set, { epochs: 1, batchSize: 4, learningRate: 0.1, seed: 1 }),
    ).rejects.toThrow(/the training set has targets per time step but gru-batchnorm-classifier.* answers per window/);
  });
});
