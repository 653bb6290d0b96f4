import { createHash } from 'node:crypto';
import { tensor } from '../../engine/ir';
import { AppError } from '../../errors';
import { checkModel } from '../check-model';
import { readGraphSignature } from '../graph-signature';
import { openModelRunner } from '../inference';
import { sha256Hex } from '../loaded-model';
import type { LoadedModel } from '../loaded-model';
import { bandPassProblems, parseModelCard } from '../model-card';
import type { BandPass, ModelCard, WindowFilter } from '../model-card';
import { preprocessWindows } from '../preprocess';
import { exportForwardModel } from './export-forward';
import type { LabelledWindows } from './labelled-windows';
import { measureOutputs } from './metrics';
import type { Network } from './networks';
import { trainingCheckpoint } from './training-checkpoint';
import type { TrainingRun } from './training-checkpoint';
import { trainNetwork } from './trainer';
import type { TrainedNetwork, TrainingOptions } from './trainer';

/** What a card says about a model before training: the rest is measured. */
export type ModelDescription = Omit<ModelCard, 'outputKind' | 'preprocessing' | 'metrics' | 'training' | 'sha256'>;

export interface ModelTrainingSpec {
  readonly description: ModelDescription;
  readonly filter: WindowFilter;
  /** A band-pass run before `filter`, in training and in the app alike (see the card's `preprocessing.bandPass`). */
  readonly bandPass?: BandPass;
  readonly network: Network;
  /** Windows in physical units; `test` is held out from training and early stopping alike. */
  readonly data: {
    readonly train: LabelledWindows;
    readonly validation: LabelledWindows;
    readonly test: LabelledWindows;
    /** How the held-out set was made, for the card. */
    readonly testDescription: string;
  };
  readonly options: TrainingOptions;
  /**
   * Standardise each channel by the training windows' statistics (default), or feed the model the
   * raw values (the card's preprocessing is then the identity).
   */
  readonly standardise?: boolean;
  /** The exported model's output name; default `y`. */
  readonly outputName?: string;
}

export interface TrainedModel {
  readonly onnx: Uint8Array;
  readonly card: ModelCard;
  readonly trained: TrainedNetwork;
}

export interface TrainModelChoice {
  /**
   * A file to save the run in after every epoch; when it holds a saved state of this same run,
   * training continues from there (the result is the same as a run that never stopped).
   */
  readonly checkpoint?: string;
}

/**
 * Trains a model and writes its card: per-channel statistics of the filtered training windows
 * become the card's preprocessing, the network is trained on the engine, exported to ONNX, and
 * its held-out metrics are measured by running the exported file on ONNX Runtime.
 */
export async function trainModel(spec: ModelTrainingSpec, choice: TrainModelChoice = {}): Promise<TrainedModel> {
  const { description, network, data, options } = spec;
  const { task } = description;
  const bandPassProblem = spec.bandPass ? bandPassProblems(spec.bandPass, description.input)[0] : undefined;
  if (bandPassProblem) {
    throw new AppError(
      'invalid-request',
      `preprocessing.bandPass.${bandPassProblem.field}: ${bandPassProblem.message}`,
    );
  }
  const filters = { filter: spec.filter, ...(spec.bandPass ? { bandPass: spec.bandPass } : {}) };
  const statistics =
    spec.standardise === false ? identityStatistics(description) : channelStatistics(description, data.train, filters);
  const preprocessing = { ...statistics, ...filters };
  const prepared = (set: LabelledWindows): LabelledWindows => {
    const windows = set.windows.slice();
    preprocessWindows({ input: description.input, preprocessing }, windows, set.count);
    return { ...set, windows };
  };
  const checkpoint = choice.checkpoint ? trainingCheckpoint(choice.checkpoint, trainingRun(spec)) : {};
  const trained = await trainNetwork(network, task, prepared(data.train), prepared(data.validation), {
    ...options,
    ...checkpoint,
  });
  const onnx = exportForwardModel(network, trained.params, spec.outputName);
  // Written in the card schema's field order, so that card files read the same way.
  const draft: ModelCard = {
    id: description.id,
    name: description.name,
    version: description.version,
    task,
    classNames: description.classNames,
    outputKind: task === 'regression' ? 'values' : 'logits',
    input: description.input,
    preprocessing,
    trainingData: description.trainingData,
    metrics: { dataset: data.testDescription, samples: data.test.count, values: {} },
    training: {
      architecture: network.architecture,
      seed: options.seed,
      epochs: trained.history.length,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      weightDecay: options.weightDecay ?? 0,
    },
    sha256: sha256Hex(onnx),
    licence: description.licence,
    createdBy: description.createdBy,
  };
  const source = `${description.id}.onnx`;
  const exported = {
    card: draft,
    sha256: draft.sha256,
    bytes: onnx,
    signature: readGraphSignature(onnx, source),
    source,
  };
  const values = await measureHeldOut(exported, data.test);
  const card = parseModelCard({ ...draft, metrics: { ...draft.metrics, values } }, `${description.id}.json`);
  await checkModel(onnx, card, { onnx: source, card: `${description.id}.json` });
  return { onnx, card, trained };
}

/** What makes a training run the run it is: the network, the task, the options that steer it, the preprocessing and the data. */
export function trainingRun(spec: ModelTrainingSpec): TrainingRun {
  const { description, network, data, options } = spec;
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      architecture: network.architecture,
      shape: network.shape,
      task: description.task,
      filter: spec.filter,
      bandPass: spec.bandPass ?? null,
      standardise: spec.standardise !== false,
      options: [
        options.epochs,
        options.batchSize,
        options.learningRate,
        options.weightDecay ?? 0,
        options.decoupledWeightDecay === true,
        options.loss ?? 'cross-entropy',
        options.keep ?? 'best',
        options.patience ?? 5,
        options.shuffle !== false,
        options.seed,
      ],
    }),
  );
  for (const set of [data.train, data.validation]) {
    hash.update(new Uint8Array(set.windows.buffer, set.windows.byteOffset, set.windows.byteLength));
    hash.update(new Uint8Array(set.targets.buffer, set.targets.byteOffset, set.targets.byteLength));
  }
  return {
    label: `${description.id}, ${network.architecture}, ${options.epochs} epochs, seed ${options.seed}`,
    digest: hash.digest('hex'),
  };
}

/**
 * The held-out metrics of an exported model, recomputed from its file: the windows (physical
 * units) go through the card's preprocessing and ONNX Runtime, as they do in the app.
 */
export async function measureHeldOut(model: LoadedModel, test: LabelledWindows): Promise<Record<string, number>> {
  const { card } = model;
  const windows = test.windows.slice();
  preprocessWindows(card, windows, test.count);
  const runner = await openModelRunner(model);
  const { windowLength, channels } = card.input;
  const outputs = await runner.run(tensor('float32', [test.count, windowLength, channels.length], windows));
  return measureOutputs(card.task, outputs.data as Float32Array, test.targets, test.count);
}

/** Per-channel mean and standard deviation of the training windows after the filters. */
function channelStatistics(
  description: ModelDescription,
  train: LabelledWindows,
  filters: Pick<ModelCard['preprocessing'], 'filter' | 'bandPass'>,
): { channelMean: number[]; channelStd: number[] } {
  const channels = description.input.channels.length;
  const filtered = train.windows.slice();
  const identity = identityStatistics(description);
  preprocessWindows({ input: description.input, preprocessing: { ...identity, ...filters } }, filtered, train.count);
  const sums = new Array<number>(channels).fill(0);
  const squares = new Array<number>(channels).fill(0);
  filtered.forEach((v, i) => {
    const d = i % channels;
    sums[d] = (sums[d] ?? 0) + v;
    squares[d] = (squares[d] ?? 0) + v * v;
  });
  const perChannel = filtered.length / channels;
  const channelMean = sums.map((s) => s / perChannel);
  const channelStd = squares.map((s, d) => {
    const variance = s / perChannel - (channelMean[d] ?? 0) ** 2;
    // A constant channel keeps unit scale rather than dividing by zero.
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  return { channelMean, channelStd };
}

/** Mean 0 and standard deviation 1 for every channel: the model sees the filtered values as they are. */
function identityStatistics(description: ModelDescription): { channelMean: number[]; channelStd: number[] } {
  const channels = description.input.channels.length;
  return { channelMean: new Array<number>(channels).fill(0), channelStd: new Array<number>(channels).fill(1) };
}
