import { mkdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { formatShape, readNpy, toNumbers } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { AppError, errorMessage } from '../../errors';
import { MODEL_TASKS } from '../../models';
import type { BandPass, ModelCard } from '../../models';
import { writeModelFiles } from '../../models/model-files';
import { describeTrainingProgress, removeTrainingCheckpoint, trainModel } from '../../models/training';
import type { ModelTrainingSpec } from '../../models/training';
import { ARCHITECTURES, isArchitectureName } from '../../models/training/architectures';
import type { LabelledWindows } from '../../models/training/labelled-windows';
import { splitRows } from '../../models/training/split-rows';
import { studyTrainingData, trainingSpec, type TrainingData } from '../../models/training/training-request';
import type { Study } from '../../store';
import type { CliIo, Command, OptionValues } from '../command';
import { UsageError } from '../command';
import { optionalNumber } from '../number-options';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a model with the engine and write its ONNX file and model card',
  description:
    `Trains a model on the engine (mini-batch Adam, seeded and deterministic on the CPU) and writes DIR/ID.onnx (the forward graph, weights as initializers) with its card DIR/ID.json: the preprocessing measured on the training windows, and the metrics measured by ONNX Runtime on held-out windows the training never saw. Architectures: ${ARCHITECTURES.join(', ')}. ` +
    'Data: --dataset X.npy (float32 windows [N, T, D] in physical units) with --targets Y.npy (int64 class per window; 0/1 with --task binary-risk; float32 [N, K] with --task regression), split at random (--seed) into training, validation and test windows; or --study S: a window (--window SEC) centred on every annotation with one of --labels, each label a class, records split whole (the last by name held out for the test, the one before it for validation) when there are three or more. ' +
    'Training stops early when the validation loss has not fallen for --patience epochs, keeping the best epoch. Progress and ETA go to stderr. ' +
    'With --checkpoint FILE the run is saved after every epoch; started again with the same FILE (and the same data and options) it continues from its last saved epoch to the model a run without a stop gives, and FILE is removed once the model is written.',
  options: {
    arch: { type: 'string', value: 'A', required: true, description: `architecture: ${ARCHITECTURES.join('|')}` },
    out: { type: 'string', value: 'DIR', required: true, description: 'folder for ID.onnx and ID.json' },
    id: { type: 'string', value: 'ID', description: "the model's id and file name (default: <data>-<arch>)" },
    dataset: { type: 'string', value: 'X.npy', description: 'float32 windows [N, T, D] in physical units' },
    targets: {
      type: 'string',
      value: 'Y.npy',
      description: 'what the model should say of each window (with --dataset)',
    },
    task: {
      type: 'string',
      value: 'T',
      description: `with --dataset: ${MODEL_TASKS.join('|')} (default classification)`,
    },
    classes: { type: 'string', value: 'a,b', description: 'with --dataset: class (or output) names' },
    rate: { type: 'string', value: 'HZ', description: 'with --dataset: sampling rate (default 1)' },
    channels: {
      type: 'string',
      value: 'a,b',
      description: 'channel names (name:units) with --dataset; the channels to read with --study',
    },
    study: { type: 'string', value: 'S', description: "train on the study's annotated records" },
    labels: { type: 'string', value: 'a,b', description: 'with --study: the annotation labels that are the classes' },
    window: {
      type: 'string',
      value: 'SEC',
      description: 'with --study: window length centred on each annotation (default 1)',
    },
    validation: { type: 'string', value: 'F', description: 'fraction of windows for validation (default 0.15)' },
    test: { type: 'string', value: 'F', description: 'fraction of windows held out for the metrics (default 0.15)' },
    epochs: { type: 'string', value: 'N', description: 'most epochs (default 30)' },
    'batch-size': { type: 'string', value: 'N', description: 'windows per step (default 32)' },
    lr: { type: 'string', value: 'X', description: "Adam's learning rate (default 0.003)" },
    'weight-decay': { type: 'string', value: 'X', description: 'L2 penalty (default 0)' },
    patience: {
      type: 'string',
      value: 'N',
      description: 'epochs without a lower validation loss before stopping (default 5)',
    },
    seed: {
      type: 'string',
      value: 'K',
      description: 'seed of the initial weights, the order and the split (default 0)',
    },
    filters: { type: 'string', value: 'a,b', description: 'cnn1d/resnet1d: widths per layer or stage' },
    kernel: { type: 'string', value: 'K', description: 'cnn1d/resnet1d: odd kernel length (default 7)' },
    hidden: { type: 'string', value: 'N', description: 'gru/lstm: hidden units; transformer: feed-forward width' },
    layers: { type: 'string', value: 'N', description: 'transformer: encoder layers (default 2)' },
    'band-pass': { type: 'string', value: 'LOW-HIGH', description: 'Butterworth band-pass in Hz before the model' },
    'band-pass-order': { type: 'string', value: 'N', description: 'order of the band-pass prototype (default 2)' },
    'band-pass-phase': { type: 'string', value: 'P', description: 'zero-phase (default) or causal' },
    'subtract-window-mean': { type: 'boolean', description: "subtract each window's channel means first" },
    licence: { type: 'string', value: 'L', description: "the model's licence for its card (default UNLICENSED)" },
    checkpoint: {
      type: 'string',
      value: 'FILE',
      description: 'save the run in FILE after every epoch; run again with it, training continues from there',
    },
  },
  async run(context) {
    const { values, json, io } = context;
    const arch = values.arch as string;
    if (!isArchitectureName(arch)) {
      throw new UsageError(`--arch: expected one of ${ARCHITECTURES.join(', ')}, got '${arch}'`);
    }
    const seed = wholeNumber(values, 'seed', 0) ?? 0;
    const data = values.study === undefined ? fileData(values, seed) : studyData(context.openStudy, values);
    const bandPass = bandPassOption(values);
    const spec = trainingSpec(data, {
      architecture: arch,
      ...(typeof values.id === 'string' ? { id: values.id } : {}),
      sizes: {
        filters: listOfNumbers(values, 'filters'),
        kernel: wholeNumber(values, 'kernel', 1),
        hidden: wholeNumber(values, 'hidden', 1),
        layers: wholeNumber(values, 'layers', 1),
      },
      ...(bandPass ? { bandPass } : {}),
      subtractWindowMean: values['subtract-window-mean'] === true,
      licence: typeof values.licence === 'string' ? values.licence : 'UNLICENSED',
      createdBy: `salience train (${userInfo().username})`,
      options: {
        epochs: wholeNumber(values, 'epochs', 1) ?? 30,
        batchSize: wholeNumber(values, 'batch-size', 1) ?? 32,
        learningRate: positive(values, 'lr') ?? 0.003,
        weightDecay: optionalNumber(values, 'weight-decay', { min: 0 }) ?? 0,
        patience: wholeNumber(values, 'patience', 1) ?? 5,
        seed,
        onProgress: progressPrinter(io),
      },
    });
    const checkpoint = typeof values.checkpoint === 'string' ? values.checkpoint : undefined;
    const { onnx, card, trained } = await trainModel(spec, checkpoint ? { checkpoint } : {});
    if (process.stderr.isTTY) io.err('\n');
    const out = values.out as string;
    mkdirSync(out, { recursive: true });
    const onnxPath = writeModelFiles(out, card.id, onnx, card);
    if (checkpoint) removeTrainingCheckpoint(checkpoint);
    report(io, json, { onnxPath, card, keptEpoch: trained.keptEpoch, history: trained.history });
  },
};

/** --dataset X.npy --targets Y.npy, split at random. */
function fileData(values: OptionValues, seed: number): TrainingData {
  if (values.dataset === undefined || values.targets === undefined) {
    throw new UsageError('give --dataset X.npy with --targets Y.npy, or --study S');
  }
  for (const option of ['labels', 'window']) {
    if (values[option] !== undefined) throw new UsageError(`--${option} goes with --study`);
  }
  const given = values.task ?? 'classification';
  const task = MODEL_TASKS.find((t) => t === given);
  if (task === undefined) {
    throw new UsageError(`--task: expected one of ${MODEL_TASKS.join(', ')}, got '${String(given)}'`);
  }
  const xPath = values.dataset as string;
  const yPath = values.targets as string;
  const x = readArray(xPath);
  const [count = 0, time = 0, width = 0] = x.shape;
  if (x.dtype !== 'float32' || x.shape.length !== 3) {
    throw new AppError(
      'invalid-request',
      `${xPath}: expected float32 windows [N, T, D]; the file holds ${x.dtype} ${formatShape(x.shape)}`,
    );
  }
  const y = readArray(yPath);
  const targets = Float32Array.from(toNumbers(y));
  const perWindow = targets.length / Math.max(1, count);
  const outputs = task === 'regression' ? perWindow : task === 'binary-risk' ? 2 : Math.max(...targets) + 1;
  if (y.shape[0] !== count || (task !== 'regression' && perWindow !== 1)) {
    throw new AppError(
      'invalid-request',
      `${yPath}: expected ${task === 'regression' ? `[${count}, K]` : `[${count}]`} targets for the ${count} windows of ${xPath}; the file holds ${y.dtype} ${formatShape(y.shape)}`,
    );
  }
  const classNames =
    listOption(values, 'classes') ??
    (task === 'binary-risk' ? ['negative', 'positive'] : Array.from({ length: outputs }, (_, k) => `class-${k}`));
  if (task === 'classification' && classNames.length < outputs) {
    throw new AppError(
      'invalid-request',
      `--classes names ${classNames.length} classes but ${yPath} has classes up to ${outputs - 1}`,
    );
  }
  const channels = (listOption(values, 'channels') ?? Array.from({ length: width }, (_, d) => `ch${d}`)).map((c) => {
    const [name = '', units = ''] = c.split(':');
    return { name, units };
  });
  if (channels.length !== width) {
    throw new AppError('invalid-request', `--channels names ${channels.length} channels but ${xPath} has ${width}`);
  }
  const set: LabelledWindows = { windows: x.data as Float32Array, targets, count };
  const fractions = { validation: fraction(values, 'validation'), test: fraction(values, 'test') };
  const sets = splitRows(set, fractions, seed);
  return {
    name: basename(xPath).replace(/\.npy$/i, ''),
    task,
    classNames,
    input: { windowLength: time, samplingRateHz: positive(values, 'rate') ?? 1, channels },
    sets,
    trainingDescription: `${sets.train.count} of the ${count} windows of ${basename(xPath)} (labels ${basename(yPath)}); ${sets.validation.count} more for early stopping`,
    testDescription: `${sets.test.count} held-out windows of ${basename(xPath)} (a random ${fractions.test} of them, seed ${seed})`,
  };
}

/** --study S: windows around the annotations (see `studyTrainingData`). */
function studyData(openStudy: () => Study, values: OptionValues): TrainingData {
  for (const option of ['dataset', 'targets', 'task', 'classes', 'rate']) {
    if (values[option] !== undefined) throw new UsageError(`--${option} goes with --dataset`);
  }
  const labels = listOption(values, 'labels');
  if (labels === undefined) {
    throw new UsageError('--study needs --labels a,b: the annotation labels that are the classes');
  }
  const channels = listOption(values, 'channels');
  const study = openStudy();
  try {
    return studyTrainingData(study, {
      labels,
      windowSec: positive(values, 'window') ?? 1,
      ...(channels ? { channels } : {}),
      fractions: { validation: fraction(values, 'validation'), test: fraction(values, 'test') },
      seed: wholeNumber(values, 'seed', 0) ?? 0,
    });
  } finally {
    study.close();
  }
}

function progressPrinter(io: CliIo): NonNullable<ModelTrainingSpec['options']['onProgress']> {
  // On a terminal the line is rewritten in place; otherwise (a log, a pipe) one line per epoch.
  const tty = process.stderr.isTTY;
  return (p) => io.err(tty ? `\r${describeTrainingProgress(p)}\x1b[K` : `${describeTrainingProgress(p)}\n`);
}

function report(
  io: CliIo,
  json: boolean,
  result: {
    onnxPath: string;
    card: ModelCard;
    keptEpoch: number;
    history: readonly { trainLoss: number; validationLoss: number }[];
  },
): void {
  const { onnxPath, card, keptEpoch, history } = result;
  const cardPath = onnxPath.replace(/\.onnx$/, '.json');
  if (json) {
    io.out(
      `${JSON.stringify({ onnx: onnxPath, card: cardPath, id: card.id, sha256: card.sha256, architecture: card.training?.architecture, epochs: history.length, keptEpoch, metrics: card.metrics, history })}\n`,
    );
    return;
  }
  const metrics = Object.entries(card.metrics.values)
    .map(([name, value]) => `${name} ${value.toFixed(4)}`)
    .join(', ');
  io.out(`wrote ${onnxPath} and ${cardPath}\n`);
  io.out(`${card.training?.architecture ?? ''}: ${history.length} epochs, kept epoch ${keptEpoch}\n`);
  io.out(`held-out (${card.metrics.samples} windows): ${metrics}\n`);
}

function readArray(path: string): Tensor {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new AppError('not-found', `${path}: cannot read the array (${errorMessage(error)})`, { cause: error });
  }
  return readNpy(bytes, path);
}

function listOption(values: OptionValues, name: string): string[] | undefined {
  const value = values[name];
  if (typeof value !== 'string') return undefined;
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${name}: expected a comma-separated list, got '${value}'`);
  return items;
}

function listOfNumbers(values: OptionValues, name: string): number[] | undefined {
  return listOption(values, name)?.map((item) => {
    const n = Number(item);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name}: expected whole numbers ≥ 1, got '${item}'`);
    return n;
  });
}

function wholeNumber(values: OptionValues, name: string, min: number): number | undefined {
  const n = optionalNumber(values, name, { min });
  if (n !== undefined && !Number.isInteger(n))
    throw new UsageError(`--${name}: expected a whole number, got '${String(values[name])}'`);
  return n;
}

function positive(values: OptionValues, name: string): number | undefined {
  const n = optionalNumber(values, name, { min: 0 });
  if (n === 0) throw new UsageError(`--${name}: expected a number > 0, got '${String(values[name])}'`);
  return n;
}

function fraction(values: OptionValues, name: string): number {
  const n = optionalNumber(values, name, { min: 0 }) ?? 0.15;
  if (!(n > 0 && n < 1))
    throw new UsageError(`--${name}: expected a fraction between 0 and 1, got '${String(values[name])}'`);
  return n;
}

/** --band-pass LOW-HIGH with its order and phase. */
function bandPassOption(values: OptionValues): BandPass | undefined {
  const given = values['band-pass'];
  if (typeof given !== 'string') {
    for (const option of ['band-pass-order', 'band-pass-phase']) {
      if (values[option] !== undefined) throw new UsageError(`--${option} goes with --band-pass`);
    }
    return undefined;
  }
  const match = /^\s*([0-9.]+)\s*-\s*([0-9.]+)\s*$/.exec(given);
  const [lowHz, highHz] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || !(lowHz > 0) || !(highHz > 0)) {
    throw new UsageError(`--band-pass: expected LOW-HIGH in Hz, e.g. 0.5-40, got '${given}'`);
  }
  const phase = values['band-pass-phase'] ?? 'zero-phase';
  if (phase !== 'zero-phase' && phase !== 'causal') {
    throw new UsageError(`--band-pass-phase: expected zero-phase or causal, got '${String(phase)}'`);
  }
  const order = wholeNumber(values, 'band-pass-order', 1) ?? 2;
  return { design: 'butterworth', order, lowHz, highHz, phase };
}
