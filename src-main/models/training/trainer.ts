import { tensor } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { Program, Rng, TrainingStep } from '../../engine/program';
import type { Feed } from '../../engine/program';
import { Tracer } from '../../engine/trace';
import type { Traced } from '../../engine/trace';
import { AppError } from '../../errors';
import type { ModelTask } from '../model-card';
import { requireShape, targetsPerWindow } from './labelled-windows';
import type { LabelledWindows } from './labelled-windows';
import { rowLosses, targetWidth } from './losses';
import type { Network } from './networks';

export interface TrainingOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** L2 penalty added to the gradient (PyTorch's Adam weight_decay); default 0. */
  readonly weightDecay?: number;
  /** Stop after this many epochs without a lower validation loss; default 5. */
  readonly patience?: number;
  readonly seed: number;
  readonly onProgress?: (progress: TrainingProgress) => void;
}

export interface TrainingProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly trainLoss: number;
  readonly validationLoss: number;
  readonly bestEpoch: number;
  readonly elapsedSec: number;
  /** Seconds until the last epoch at the pace so far (early stopping may end sooner). */
  readonly etaSec: number;
}

export interface EpochLosses {
  readonly trainLoss: number;
  readonly validationLoss: number;
}

export interface TrainedNetwork {
  readonly network: Network;
  readonly task: ModelTask;
  /** The parameters of the epoch with the lowest validation loss. */
  readonly params: ReadonlyMap<string, Tensor>;
  readonly bestEpoch: number;
  readonly history: readonly EpochLosses[];
  /** Raw outputs [N, K] of the training graph with `params`: what the exported model must reproduce. */
  predict(set: LabelledWindows): Promise<Float32Array>;
}

/** The network's loss graph for one fixed batch size, with its parameters as graph parameters. */
interface LossGraph {
  readonly params: readonly Traced[];
  readonly outputs: Traced;
  readonly losses: Traced;
}

/**
 * Mini-batch training with Adam on the engine: one compiled training-step program (forward,
 * gradients, Adam) fed shuffled batches; the validation loss after every epoch keeps the best
 * parameters and stops early. Everything random comes from `seed`, and ONNX Runtime runs on one
 * thread, so a run on the CPU is reproducible to the bit.
 */
export async function trainNetwork(
  network: Network,
  task: ModelTask,
  train: LabelledWindows,
  validation: LabelledWindows,
  options: TrainingOptions,
): Promise<TrainedNetwork> {
  const { windowLength, channels, outputs } = network.shape;
  const frame = windowLength * channels;
  requireShape(train, 'training', frame, task, outputs);
  requireShape(validation, 'validation', frame, task, outputs);
  const batch = options.batchSize;
  if (!Number.isInteger(batch) || batch < 1 || train.count < batch) {
    throw new AppError(
      'invalid-request',
      `batch size ${batch}: expected a whole number from 1 to the training set's ${train.count} windows`,
    );
  }
  const rng = new Rng(options.seed);
  const init = network.init(rng);
  const names = [...init.keys()];
  const session = { intraOpThreads: 1 };
  const trainGraph = traceLoss(network, task, batch, init);
  const step = await TrainingStep.compile(
    {
      loss: trainGraph.losses.reduceMean(),
      params: trainGraph.params,
      optimizer: { kind: 'adam', lr: options.learningRate, weightDecay: options.weightDecay ?? 0 },
    },
    session,
  );
  const evalGraph = traceLoss(network, task, batch, init);
  const evaluate = await Program.compile({ outputs: evalGraph.outputs, losses: evalGraph.losses }, session);
  const run = (params: ReadonlyMap<string, Tensor>, set: LabelledWindows): Promise<BatchResults> =>
    runInBatches(evaluate, params, set, network, task, batch);

  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const steps = Math.floor(train.count / batch);
  const started = Date.now();
  const history: EpochLosses[] = [];
  let best = { loss: Infinity, epoch: 0, params: init as ReadonlyMap<string, Tensor> };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(order, rng);
    let total = 0;
    for (let s = 0; s < steps; s++) {
      const rows = order.subarray(s * batch, (s + 1) * batch);
      total += (await step.step(batchFeeds(train, rows, network, task))).loss;
    }
    const params = new Map(names.map((name) => [name, step.value(name)]));
    const { losses } = await run(params, validation);
    const validationLoss = losses.reduce((a, b) => a + b, 0) / Math.max(1, validation.count);
    history.push({ trainLoss: total / steps, validationLoss });
    if (validationLoss < best.loss) best = { loss: validationLoss, epoch, params };
    const elapsedSec = (Date.now() - started) / 1000;
    options.onProgress?.({
      epoch,
      epochs: options.epochs,
      trainLoss: total / steps,
      validationLoss,
      bestEpoch: best.epoch,
      elapsedSec,
      etaSec: (elapsedSec / epoch) * (options.epochs - epoch),
    });
    if (epoch - best.epoch >= (options.patience ?? 5)) break;
  }
  const params = best.params;
  return {
    network,
    task,
    params,
    bestEpoch: best.epoch,
    history,
    predict: async (set) => (await run(params, set)).outputs,
  };
}

function traceLoss(network: Network, task: ModelTask, batch: number, init: ReadonlyMap<string, Tensor>): LossGraph {
  const { windowLength, channels, outputs: width } = network.shape;
  const g = new Tracer();
  const x = g.input('x', 'float32', [batch, windowLength, channels]);
  const targets = g.input('targets', 'float32', [batch, targetWidth(task, width)]);
  const params = new Map([...init].map(([name, value]) => [name, g.param(name, value)]));
  const outputs = network.forward(x, (name) => {
    const param = params.get(name);
    if (!param) throw new AppError('internal', `${network.architecture} has no parameter '${name}'`);
    return param;
  });
  return { params: [...params.values()], outputs, losses: rowLosses(task, outputs, targets) };
}

/** The feeds of one batch: its windows, and its targets as the loss takes them (one-hot for classes). */
function batchFeeds(
  set: LabelledWindows,
  rows: ArrayLike<number>,
  network: Network,
  task: ModelTask,
  batch: number = rows.length,
): Record<string, Feed> {
  const { windowLength, channels, outputs } = network.shape;
  const frame = windowLength * channels;
  const given = targetsPerWindow(task, outputs);
  const width = targetWidth(task, outputs);
  const x = new Float32Array(batch * frame);
  const targets = new Float32Array(batch * width);
  for (let b = 0; b < rows.length; b++) {
    const n = rows[b] ?? 0;
    x.set(set.windows.subarray(n * frame, (n + 1) * frame), b * frame);
    if (task === 'classification') targets[b * width + (set.targets[n] ?? 0)] = 1;
    else targets.set(set.targets.subarray(n * given, (n + 1) * given), b * width);
  }
  return {
    x: tensor('float32', [batch, windowLength, channels], x),
    targets: tensor('float32', [batch, width], targets),
  };
}

interface BatchResults {
  readonly outputs: Float32Array;
  readonly losses: Float32Array;
}

/** Runs the fixed-batch evaluation program over a whole set; the last batch is padded and its padding dropped. */
async function runInBatches(
  program: Program,
  params: ReadonlyMap<string, Tensor>,
  set: LabelledWindows,
  network: Network,
  task: ModelTask,
  batch: number,
): Promise<BatchResults> {
  const width = network.shape.outputs;
  const outputs = new Float32Array(set.count * width);
  const losses = new Float32Array(set.count);
  for (let start = 0; start < set.count; start += batch) {
    const count = Math.min(batch, set.count - start);
    const rows = Int32Array.from({ length: count }, (_, i) => start + i);
    const result = await program.run({ ...batchFeeds(set, rows, network, task, batch), ...Object.fromEntries(params) });
    outputs.set((result.outputs?.data as Float32Array).subarray(0, count * width), start * width);
    losses.set((result.losses?.data as Float32Array).subarray(0, count), start);
  }
  return { outputs, losses };
}

/** Fisher–Yates with the seeded generator. */
function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
}
