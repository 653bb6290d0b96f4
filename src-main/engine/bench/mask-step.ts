import { importModel } from '../import';
import { fromNumbers, numel, readModel, tensor, toNumbers } from '../ir';
import type { Tensor } from '../ir';
import { TrainingStep } from '../program';
import type { ProgramOptions } from '../program';
import { Tracer } from '../trace';
import type { Traced } from '../trace';

export interface MaskStepOptions extends ProgramOptions {
  /** Batch size of the mask optimisation (the reference workload uses 16). */
  readonly batch?: number;
  readonly warmup?: number;
  readonly steps?: number;
}

export interface MaskStepTiming {
  /** [B, T, D] of the optimised mask. */
  readonly shape: readonly number[];
  /** Median, mean (which counts the occasional garbage collection) and fastest milliseconds per step. */
  readonly medianMs: number;
  readonly meanMs: number;
  readonly minMs: number;
  readonly steps: number;
  /** Building the graph and creating its ONNX Runtime session. */
  readonly compileMs: number;
  readonly provider: string;
  /** The loss after the first and the last timed step (it should fall). */
  readonly firstLoss: number;
  readonly lastLoss: number;
}

/**
 * Times the explainers' core workload on a model: one Adam step (lr 0.01) on a mask m of the
 * input's shape for loss = -Σ_b y(φ(x, m))[b, target_b] + 0.01 mean(sigmoid(m)), with
 * φ(x, m) = x s + (1 - s) mean_t(x), s = sigmoid(m), and the model frozen. The rows of `x` and
 * `targets` are repeated up to the batch size.
 */
export async function timeMaskStep(
  modelBytes: Uint8Array,
  x: Tensor,
  targets: Tensor,
  options: MaskStepOptions = {},
): Promise<MaskStepTiming> {
  const { batch = 16, warmup = 5, steps = 30 } = options;
  const [rows = 1, ...sample] = x.shape;
  const shape = [batch, ...sample];
  const name = readModel(modelBytes).graph.inputs[0]?.name ?? 'x';
  const model = await importModel(modelBytes, { inputShapes: { [name]: shape } });
  const g = new Tracer();
  const input = g.input('x', 'float32', shape);
  const m = g.param('m', tensor('float32', shape));
  const s = m.sigmoid();
  const perturbed = input.mul(s).add(
    s
      .neg()
      .add(1)
      .mul(input.reduceMean([1], { keepdims: true })),
  );
  const y = Object.values(g.call(model, perturbed))[0] as Traced;
  const picks = oneHot(toNumbers(targets), rows, batch, y.shape[1] ?? 1);
  const loss = y.mul(g.constant(picks)).reduceSum().neg().add(s.reduceMean().mul(0.01));
  const compileStart = performance.now();
  const training = await TrainingStep.compile({ loss, params: [m], optimizer: { kind: 'adam', lr: 0.01 } }, options);
  const compileMs = performance.now() - compileStart;

  const data = repeatRows(x, batch);
  for (let i = 0; i < warmup; i++) await training.step({ x: data });
  const times: number[] = [];
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const begin = performance.now();
    losses.push((await training.step({ x: data })).loss);
    times.push(performance.now() - begin);
  }
  times.sort((a, b) => a - b);
  return {
    shape,
    medianMs: times[Math.floor(times.length / 2)] ?? NaN,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    minMs: times[0] ?? NaN,
    steps,
    compileMs,
    provider: training.provider,
    firstLoss: losses[0] ?? NaN,
    lastLoss: losses.at(-1) ?? NaN,
  };
}

/** Row r of the batch is sample r mod rows; its target class is picked by a one-hot row. */
function oneHot(targets: readonly number[], rows: number, batch: number, classes: number): Tensor {
  const values = new Array<number>(batch * classes).fill(0);
  for (let b = 0; b < batch; b++) values[b * classes + (targets[b % rows] ?? 0)] = 1;
  return fromNumbers('float32', [batch, classes], values);
}

function repeatRows(x: Tensor, batch: number): Tensor {
  const [rows = 1, ...sample] = x.shape;
  const size = numel(sample);
  const data = new Float32Array(batch * size);
  for (let b = 0; b < batch; b++)
    data.set((x.data as Float32Array).subarray((b % rows) * size, ((b % rows) + 1) * size), b * size);
  return tensor('float32', [batch, ...sample], data);
}
