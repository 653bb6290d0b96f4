import { tensor } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { Program, Rng, TrainingStep } from '../../engine/program';
import type { Feed, RngState } from '../../engine/program';
import { Tracer } from '../../engine/trace';
import type { Traced } from '../../engine/trace';
import { AppError } from '../../errors';
import type { ModelTask } from '../model-card';
import { requireShape, targetsPerWindow } from './labelled-windows';
import type { LabelledWindows } from './labelled-windows';
import { rowLosses, targetWidth, windowLosses } from './losses';
import type { ClassificationLoss } from './losses';
import { measureOutputs } from './metrics';
import { shuffle } from './seeded-order';
import type { Network, ValueLookup } from './networks';

export interface TrainingOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** L2 penalty added to the gradient (PyTorch's Adam weight_decay); default 0. */
  readonly weightDecay?: number;
  /** Decay the weights apart from the gradient (AdamW) instead of adding the L2 penalty to it. */
  readonly decoupledWeightDecay?: boolean;
  /** The classification loss: 'cross-entropy' (default) or 'poly-1' (cross-entropy + 1 − p_y). */
  readonly loss?: ClassificationLoss;
  /**
   * 'best' (default): keep the parameters of the epoch with the lowest validation loss and stop
   * after `patience` epochs without a lower one; 'last': run every epoch and keep the last
   * parameters (the validation loss is only reported); 'best-macro-f1' (classification): run every
   * epoch and keep the first one with the highest validation macro-F1.
   */
  readonly keep?: 'best' | 'last' | 'best-macro-f1';
  /** Epochs without a lower validation loss before stopping (with `keep` 'best'); default 5. */
  readonly patience?: number;
  /** Visit the training windows in a new random order every epoch (default), or always in their order. */
  readonly shuffle?: boolean;
  readonly seed: number;
  readonly onProgress?: (progress: TrainingProgress) => void;
  /** Checked before every optimisation step: a job's cancel stops training there. */
  readonly cancel?: { throwIfCancelled(): void };
  /** Continue a run of the same network, data and options from a state its `onEpochEnd` handed out. */
  readonly resume?: TrainerState;
  /** Called after every epoch with what a run needs to continue from there (training-checkpoint.ts saves it). */
  readonly onEpochEnd?: (state: TrainerState) => void;
}

/**
 * A run after some epochs: resuming from it gives the same numbers, to the bit, as a run that
 * never stopped (the optimiser's moments, the generator's place and the visiting order included).
 */
export interface TrainerState {
  /** Epochs done. */
  readonly epoch: number;
  /** The training step's carried values: parameters, optimiser state, step count. */
  readonly step: ReadonlyMap<string, Tensor>;
  readonly buffers: ReadonlyMap<string, Tensor>;
  readonly rng: RngState;
  /** The order of the training windows, which each epoch's shuffle permutes further. */
  readonly order: Int32Array;
  readonly best: { readonly score: number; readonly epoch: number };
  readonly kept: { readonly epoch: number; readonly params: ReadonlyMap<string, Tensor> };
  readonly history: readonly EpochLosses[];
  readonly elapsedSec: number;
}

export interface TrainingProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly trainLoss: number;
  readonly validationLoss: number;
  /** The best epoch so far by the `keep` rule (lowest validation loss, or highest macro-F1). */
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
  /** What the inference graph reads: the parameters of the kept epoch, and the buffers with them. */
  readonly params: ReadonlyMap<string, Tensor>;
  /** The epoch whose parameters are kept (the best one, or the last with `keep` 'last'). */
  readonly keptEpoch: number;
  readonly history: readonly EpochLosses[];
  /** Seconds spent training, over every leg of a run continued from a saved state. */
  readonly elapsedSec: number;
  /** Raw outputs [N, K] ([N, T, K] per time step) of the inference graph with `params`: what the exported model must reproduce. */
  predict(set: LabelledWindows): Promise<Float32Array>;
}

/**
 * Mini-batch training with Adam on the engine: one compiled training-step program (forward,
 * gradients, Adam) fed batches in a shuffled or fixed order; the validation loss after every
 * epoch keeps the best parameters and stops early, or is only reported when the last epoch is
 * kept. A network with a training mode reads one time step per batch (drawn for per-step
 * targets, the last for per-window ones) and the step's drawn inputs, and its buffers follow
 * each step's batch statistics. Everything random comes from `seed`, and ONNX Runtime runs on
 * one thread, so a run on the CPU is reproducible to the bit.
 */
export async function trainNetwork(
  network: Network,
  task: ModelTask,
  train: LabelledWindows,
  validation: LabelledWindows,
  options: TrainingOptions,
): Promise<TrainedNetwork> {
  requireAnswers(network, task, train, 'training');
  requireAnswers(network, task, validation, 'validation');
  const batch = options.batchSize;
  if (!Number.isInteger(batch) || batch < 1 || train.count < batch) {
    throw new AppError(
      'invalid-request',
      `batch size ${batch}: expected a whole number from 1 to the training set's ${train.count} windows`,
    );
  }
  const seeded = new Rng(options.seed);
  const init = network.init(seeded);
  const names = [...init.keys()];
  let buffers: ReadonlyMap<string, Tensor> = network.training?.initBuffers() ?? new Map();
  const resume = options.resume;
  if (resume) requireResumable(resume, options.epochs, train.count, names, buffers);
  const session = { intraOpThreads: 1 };
  const trainGraph = traceTrainingStep(network, task, batch, init, options.loss);
  const step = await TrainingStep.compile(
    {
      loss: trainGraph.loss,
      params: trainGraph.params,
      optimizer: {
        kind: 'adam',
        lr: options.learningRate,
        weightDecay: options.weightDecay ?? 0,
        decoupled: options.decoupledWeightDecay === true,
      },
      outputs: trainGraph.statistics,
    },
    session,
  );
  const evalGraph = traceEvaluation(network, task, batch, new Map([...init, ...buffers]), options.loss);
  const evaluate = await Program.compile({ outputs: evalGraph.outputs, losses: evalGraph.losses }, session);
  const run = (params: ReadonlyMap<string, Tensor>, set: LabelledWindows): Promise<BatchResults> =>
    runInBatches(evaluate, params, set, network, task, batch);

  const rng = resume ? Rng.restore(resume.rng) : seeded;
  const order = resume ? Int32Array.from(resume.order) : Int32Array.from({ length: train.count }, (_, i) => i);
  const steps = Math.floor(train.count / batch);
  const keep = options.keep ?? 'best';
  const started = Date.now() - (resume?.elapsedSec ?? 0) * 1000;
  const history: EpochLosses[] = [...(resume?.history ?? [])];
  let best = resume?.best ?? { score: -Infinity, epoch: 0 };
  let kept = resume?.kept ?? { epoch: 0, params: new Map([...init, ...buffers]) };
  if (resume) {
    step.resume(resume.step);
    buffers = resume.buffers;
  }
  const stopped = (done: number): boolean =>
    done > 0 && keep === 'best' && done - best.epoch >= (options.patience ?? 5);
  for (let epoch = (resume?.epoch ?? 0) + 1; epoch <= options.epochs && !stopped(epoch - 1); epoch++) {
    if (options.shuffle !== false) shuffle(order, rng);
    let total = 0;
    for (let s = 0; s < steps; s++) {
      options.cancel?.throwIfCancelled();
      const rows = order.subarray(s * batch, (s + 1) * batch);
      const result = await step.step(trainingFeeds(train, rows, network, task, rng));
      total += result.loss;
      if (network.training) buffers = network.training.update(buffers, result.outputs);
    }
    const params = new Map([...names.map((name): [string, Tensor] => [name, step.value(name)]), ...buffers]);
    const { losses, outputs } = await run(params, validation);
    const validationLoss = losses.reduce((a, b) => a + b, 0) / Math.max(1, validation.count);
    history.push({ trainLoss: total / steps, validationLoss });
    const score =
      keep === 'best-macro-f1'
        ? (measureOutputs(task, outputs, validation.targets, validation.count).macroF1 ?? 0)
        : -validationLoss;
    if (score > best.score) best = { score, epoch };
    if (keep === 'last' || best.epoch === epoch) kept = { epoch, params };
    const elapsedSec = (Date.now() - started) / 1000;
    options.onEpochEnd?.({
      epoch,
      step: step.state(),
      buffers,
      rng: rng.state(),
      order: order.slice(),
      best,
      kept,
      history: [...history],
      elapsedSec,
    });
    options.onProgress?.({
      epoch,
      epochs: options.epochs,
      trainLoss: total / steps,
      validationLoss,
      bestEpoch: best.epoch,
      elapsedSec,
      etaSec: (elapsedSec / epoch) * (options.epochs - epoch),
    });
  }
  const { params } = kept;
  return {
    network,
    task,
    params,
    keptEpoch: kept.epoch,
    history,
    elapsedSec: (Date.now() - started) / 1000,
    predict: async (set) => {
      requireAnswers(network, task, set, 'predicted');
      return (await run(params, set)).outputs;
    },
  };
}

/** Checks that a saved state belongs to this run's network and training set, and has epochs left to run or none. */
function requireResumable(
  state: TrainerState,
  epochs: number,
  windows: number,
  names: readonly string[],
  buffers: ReadonlyMap<string, Tensor>,
): void {
  const problem = (what: string): AppError =>
    new AppError('invalid-request', `the saved training state does not fit this run: ${what}`);
  if (!Number.isInteger(state.epoch) || state.epoch < 1 || state.epoch > epochs) {
    throw problem(`it is after epoch ${state.epoch}, this run has epochs 1…${epochs}`);
  }
  if (state.history.length !== state.epoch) {
    throw problem(`its history has ${state.history.length} epochs, not ${state.epoch}`);
  }
  if (state.order.length !== windows) {
    throw problem(`its order visits ${state.order.length} windows, the training set has ${windows}`);
  }
  const seen = new Uint8Array(windows);
  for (const n of state.order) {
    if (!(n >= 0 && n < windows) || seen[n] === 1) throw problem(`its order is not a permutation of 0…${windows - 1}`);
    seen[n] = 1;
  }
  const sameNames = (have: Iterable<string>, want: Iterable<string>): boolean =>
    [...have].sort().join() === [...want].sort().join();
  if (!sameNames(state.buffers.keys(), buffers.keys())) {
    throw problem(
      `its buffers are [${[...state.buffers.keys()].join(', ')}], the network's [${[...buffers.keys()].join(', ')}]`,
    );
  }
  if (!sameNames(state.kept.params.keys(), [...names, ...buffers.keys()])) {
    throw problem(`its kept values are not the network's parameters and buffers`);
  }
}

/** Checks a set's sizes, and that its targets are per window or per time step as the network answers. */
function requireAnswers(network: Network, task: ModelTask, set: LabelledWindows, name: string): void {
  requireShape(set, name, network.shape, task);
  const perStep = network.perTimeStep === true;
  if ((set.perTimeStep === true) !== perStep) {
    throw new AppError(
      'invalid-request',
      `the ${name} set has targets per ${set.perTimeStep === true ? 'time step' : 'window'} but ${network.architecture} answers per ${perStep ? 'time step' : 'window'}`,
    );
  }
  if (perStep && !network.training) {
    throw new AppError('invalid-request', `${network.architecture} answers per time step but has no training mode`);
  }
}

/** The graph of one training step for a fixed batch: the mean loss, the trained parameters, the batch statistics. */
function traceTrainingStep(
  network: Network,
  task: ModelTask,
  batch: number,
  init: ReadonlyMap<string, Tensor>,
  lossKind?: ClassificationLoss,
): { params: Traced[]; loss: Traced; statistics: Readonly<Record<string, Traced>> } {
  const { windowLength, channels, outputs: width } = network.shape;
  const g = new Tracer();
  const x = g.input('x', 'float32', [batch, windowLength, channels]);
  const targets = g.input('targets', 'float32', [batch, targetWidth(task, width)]);
  const params = new Map([...init].map(([name, value]) => [name, g.param(name, value)]));
  const param = lookup(params, network);
  const mode = network.training;
  const { outputs, statistics } = mode
    ? mode.forward(x, param, {
        time: g.input('time', 'float32', [windowLength]),
        drawn: (name, shape) => g.input(name, 'float32', shape),
      })
    : { outputs: network.forward(x, param), statistics: {} };
  return { params: [...params.values()], loss: rowLosses(task, outputs, targets, lossKind).reduceMean(), statistics };
}

/** The inference graph for one fixed batch with each window's loss, its parameters and buffers as graph parameters. */
function traceEvaluation(
  network: Network,
  task: ModelTask,
  batch: number,
  values: ReadonlyMap<string, Tensor>,
  lossKind?: ClassificationLoss,
): { outputs: Traced; losses: Traced } {
  const { windowLength, channels, outputs: width } = network.shape;
  const g = new Tracer();
  const x = g.input('x', 'float32', [batch, windowLength, channels]);
  const perStep = network.perTimeStep === true ? [windowLength] : [];
  const targets = g.input('targets', 'float32', [batch, ...perStep, targetWidth(task, width)]);
  const params = new Map([...values].map(([name, value]) => [name, g.param(name, value)]));
  const outputs = network.forward(x, lookup(params, network));
  return { outputs, losses: windowLosses(task, outputs, targets, lossKind) };
}

function lookup(values: ReadonlyMap<string, Traced>, network: Network): ValueLookup {
  return (name) => {
    const value = values.get(name);
    if (!value) throw new AppError('internal', `${network.architecture} has no parameter '${name}' here`);
    return value;
  };
}

/** Windows [batch, T, D] of `rows`, zero-padded to `batch`. */
function batchWindows(set: LabelledWindows, rows: ArrayLike<number>, network: Network, batch: number): Tensor {
  const { windowLength, channels } = network.shape;
  const frame = windowLength * channels;
  const x = new Float32Array(batch * frame);
  for (let b = 0; b < rows.length; b++) {
    const n = rows[b] ?? 0;
    x.set(set.windows.subarray(n * frame, (n + 1) * frame), b * frame);
  }
  return tensor('float32', [batch, windowLength, channels], x);
}

/** Writes the targets of answer `index` (a window, or window·T + step) at `at`, as the loss takes them: one-hot for classes. */
function writeTargets(
  set: LabelledWindows,
  index: number,
  network: Network,
  task: ModelTask,
  into: Float32Array,
  at: number,
): void {
  const given = targetsPerWindow(task, network.shape.outputs);
  if (task === 'classification') into[at + (set.targets[index] ?? 0)] = 1;
  else into.set(set.targets.subarray(index * given, (index + 1) * given), at);
}

/**
 * The feeds of one training step: the windows and their targets; with a training mode, also the
 * time step read (drawn uniformly for per-step targets, else the last) and the drawn inputs.
 */
function trainingFeeds(
  set: LabelledWindows,
  rows: ArrayLike<number>,
  network: Network,
  task: ModelTask,
  rng: Rng,
): Record<string, Feed> {
  const { windowLength, outputs } = network.shape;
  const batch = rows.length;
  const mode = network.training;
  if (!mode) return batchFeeds(set, rows, network, task, batch);
  const step = set.perTimeStep === true ? Math.floor(rng.next() * windowLength) : windowLength - 1;
  const answer = (n: number): number => (set.perTimeStep === true ? n * windowLength + step : n);
  const width = targetWidth(task, outputs);
  const targets = new Float32Array(batch * width);
  for (let b = 0; b < batch; b++) writeTargets(set, answer(rows[b] ?? 0), network, task, targets, b * width);
  const time = new Float32Array(windowLength);
  time[step] = 1;
  return {
    x: batchWindows(set, rows, network, batch),
    targets: tensor('float32', [batch, width], targets),
    time: tensor('float32', [windowLength], time),
    ...Object.fromEntries(mode.draw(rng, batch)),
  };
}

/** The feeds of one batch for the inference graph: its windows and all their targets. */
function batchFeeds(
  set: LabelledWindows,
  rows: ArrayLike<number>,
  network: Network,
  task: ModelTask,
  batch: number = rows.length,
): Record<string, Feed> {
  const { windowLength, outputs } = network.shape;
  const answers = set.perTimeStep === true ? windowLength : 1;
  const width = targetWidth(task, outputs);
  const targets = new Float32Array(batch * answers * width);
  for (let b = 0; b < rows.length; b++) {
    for (let j = 0; j < answers; j++) {
      writeTargets(set, (rows[b] ?? 0) * answers + j, network, task, targets, (b * answers + j) * width);
    }
  }
  const perStep = set.perTimeStep === true ? [windowLength] : [];
  return {
    x: batchWindows(set, rows, network, batch),
    targets: tensor('float32', [batch, ...perStep, width], targets),
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
  const { windowLength, outputs: classes } = network.shape;
  const width = classes * (network.perTimeStep === true ? windowLength : 1);
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
