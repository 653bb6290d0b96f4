import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ort from 'onnxruntime-node';
import { generateBenchmark } from '../../datasets/benchmarks';
import type { BenchmarkDataset } from '../../datasets/benchmarks';
import { Rng } from '../../engine/program';
import { AppError } from '../../errors';
import { checkModel } from '../check-model';
import { sha256Hex } from '../loaded-model';
import { parseModelCard } from '../model-card';
import type { ModelCard } from '../model-card';
import { writeModelFiles } from '../model-files';
import {
  exportForwardModel,
  gruClassifier,
  kFoldSplits,
  measureOutputs,
  TORCH_BATCH_NORM,
  trainNetwork,
} from '../training';
import type { LabelledWindows, Network, TrainingOptions, TrainingProgress } from '../training';

/** The benchmarks whose black box is a trained classifier (contralsp-dynamask-extrmask.md §4.2). */
export const CLASSIFIER_BENCHMARKS = ['state', 'switch-feature'] as const;
export type ClassifierBenchmark = (typeof CLASSIFIER_BENCHMARKS)[number];

/**
 * The recipe of §4.2: one dataset per benchmark (all folds share it), 5-fold KFold over its 800
 * training series (640 train / 160 validation, validation only reported), Adam 1e-4 with coupled
 * weight decay 1e-3, 50 epochs of batches of 32 in order, the last weights kept.
 */
export const BENCHMARK_RECIPE = {
  datasetSeed: 0,
  folds: 5,
  foldSeed: 42,
  epochs: 50,
  batchSize: 32,
  learningRate: 1e-4,
  weightDecay: 1e-3,
  hidden: 200,
  dropout: 0.5,
} as const;

const TITLES: Record<ClassifierBenchmark, string> = { state: 'State (HMM)', 'switch-feature': 'Switch-Feature' };

/** The training seed of fold k (initial weights, the time step of every batch, dropout masks). */
export const trainingSeed = (fold: number): number => fold;

/** Where fold k's model lives under the models folder: `benchmarks/<benchmark>/fold-<k>.onnx`. */
export function benchmarkModelPath(modelsDir: string, benchmark: ClassifierBenchmark, fold: number): string {
  return join(modelsDir, 'benchmarks', benchmark, `fold-${fold}.onnx`);
}

export function benchmarkClassifier(data: BenchmarkDataset): Network {
  const [, windowLength, channels] = data.shape;
  return gruClassifier(
    { windowLength, channels, outputs: 2 },
    {
      hidden: BENCHMARK_RECIPE.hidden,
      dropout: BENCHMARK_RECIPE.dropout,
      batchNorm: TORCH_BATCH_NORM,
      answers: 'every-step',
    },
  );
}

/** Rows of a State / Switch-Feature dataset as windows with their label at every time step. */
export function sequenceSet(data: BenchmarkDataset, rows: readonly number[]): LabelledWindows {
  const [, steps, features] = data.shape;
  const labels = data.timeLabels;
  if (!labels) throw new AppError('invalid-request', `the ${data.name} dataset has no per-time labels`);
  const frame = steps * features;
  const windows = new Float32Array(rows.length * frame);
  const targets = new Float32Array(rows.length * steps);
  rows.forEach((n, i) => {
    windows.set(data.x.subarray(n * frame, (n + 1) * frame), i * frame);
    targets.set(labels.subarray(n * steps, (n + 1) * steps), i * steps);
  });
  return { windows, targets, count: rows.length, perTimeStep: true };
}

/** The dataset's test rows (after its training and validation rows). */
export function testRows(data: BenchmarkDataset): number[] {
  const split = data.split;
  if (!split) throw new AppError('invalid-request', `the ${data.name} dataset has no train/test split`);
  return Array.from({ length: split.test }, (_, i) => split.train + split.validation + i);
}

/** The first 16 hex digits of the sha256 of a dataset's x and per-time labels: which draw a model was trained on. */
export function datasetFingerprint(data: BenchmarkDataset): string {
  const hash = createHash('sha256').update(new Uint8Array(data.x.buffer, data.x.byteOffset, data.x.byteLength));
  const labels = data.timeLabels ?? new Int32Array();
  return hash
    .update(new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength))
    .digest('hex')
    .slice(0, 16);
}

/** Accuracy and macro F1 over every time step of `set` (windows [N, T, D]), from the exported model on ONNX Runtime. */
export async function measurePerStep(
  onnx: Uint8Array,
  set: LabelledWindows,
  window: { steps: number; features: number },
): Promise<Record<string, number>> {
  const session = await ort.InferenceSession.create(onnx, { intraOpNumThreads: 1 });
  try {
    const x = new ort.Tensor('float32', set.windows, [set.count, window.steps, window.features]);
    const logits = (await session.run({ x })).logits;
    if (!logits) throw new AppError('bad-input', "the model gave no 'logits'");
    return measureOutputs('classification', logits.data as Float32Array, set.targets, set.targets.length);
  } finally {
    await session.release();
  }
}

export interface TrainedBenchmarkClassifier {
  readonly onnx: Uint8Array;
  readonly card: ModelCard;
  /** Seconds the training took. */
  readonly trainingSec: number;
}

/**
 * Trains fold `fold` of a benchmark's classifier by the recipe and writes its card; the metrics are
 * measured on the dataset's test series with the exported file. `epochs` other than the recipe's
 * is for tests and is stated in the card.
 */
export async function trainBenchmarkClassifier(
  benchmark: ClassifierBenchmark,
  fold: number,
  options: { epochs?: number; onProgress?: (progress: TrainingProgress) => void } = {},
): Promise<TrainedBenchmarkClassifier> {
  const recipe = BENCHMARK_RECIPE;
  const data = generateBenchmark(benchmark, { seed: recipe.datasetSeed, size: 'full' });
  const split = data.split;
  if (!split) throw new AppError('internal', `the ${benchmark} dataset has no split`);
  const splits = kFoldSplits(split.train, recipe.folds, new Rng(recipe.foldSeed));
  const rows = splits[fold];
  if (!rows) throw new AppError('invalid-request', `fold: expected 0 to ${recipe.folds - 1}, got ${fold}`);
  const network = benchmarkClassifier(data);
  const training: TrainingOptions = {
    epochs: options.epochs ?? recipe.epochs,
    batchSize: recipe.batchSize,
    learningRate: recipe.learningRate,
    weightDecay: recipe.weightDecay,
    keep: 'last',
    shuffle: false,
    seed: trainingSeed(fold),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const started = Date.now();
  const trained = await trainNetwork(
    network,
    'classification',
    sequenceSet(data, rows.train),
    sequenceSet(data, rows.validation),
    training,
  );
  const trainingSec = (Date.now() - started) / 1000;
  const onnx = exportForwardModel(network, trained.params, 'logits');
  const test = testRows(data);
  const [, steps, features] = data.shape;
  const id = `${benchmark}-gru-fold-${fold}`;
  const draft: ModelCard = {
    id,
    name: `${TITLES[benchmark]} classifier, fold ${fold} of ${recipe.folds} (GRU ${recipe.hidden}, BatchNorm, dropout)`,
    version: '1.0.0',
    task: 'classification',
    classNames: ['label 0', 'label 1'],
    outputKind: 'logits',
    perTimeStep: true,
    input: {
      windowLength: steps,
      samplingRateHz: 1,
      channels: Array.from({ length: features }, (_, f) => ({ name: `feature ${f}`, units: '' })),
    },
    preprocessing: {
      channelMean: new Array<number>(features).fill(0),
      channelStd: new Array<number>(features).fill(1),
      filter: 'none',
    },
    trainingData: {
      description: `fold ${fold} of a 5-fold split (KFold shuffled by our seeded generator, seed ${recipe.foldSeed}) of the ${split.train} training series of generateBenchmark('${benchmark}', { seed: ${recipe.datasetSeed}, size: 'full' }) (x and time labels: sha256 ${datasetFingerprint(data)}): ${rows.train.length} series trained on, each batch at one uniformly drawn time step, ${rows.validation.length} for the reported validation loss`,
      samples: rows.train.length,
    },
    metrics: {
      dataset: `the ${test.length} test series of generateBenchmark('${benchmark}', { seed: ${recipe.datasetSeed}, size: 'full' }); accuracy and macro F1 over all ${test.length * steps} time steps`,
      samples: test.length,
      values: await measurePerStep(onnx, sequenceSet(data, test), { steps, features }),
    },
    training: {
      architecture: network.architecture,
      seed: training.seed,
      epochs: trained.history.length,
      batchSize: training.batchSize,
      learningRate: training.learningRate,
      weightDecay: recipe.weightDecay,
    },
    sha256: sha256Hex(onnx),
    licence: 'UNLICENSED',
    createdBy: 'salience train (Salience Workbench)',
  };
  const card = parseModelCard(draft, `${id}.json`);
  await checkModel(onnx, card, { onnx: `${id}.onnx`, card: `${id}.json` });
  return { onnx, card, trainingSec };
}

export interface WrittenBenchmarkClassifier {
  readonly path: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly trainingSec: number;
}

/** Trains the chosen folds of the chosen benchmarks and writes `benchmarks/<benchmark>/fold-<k>.onnx` with its card. */
export async function trainBenchmarkClassifiers(
  modelsDir: string,
  choice: { benchmarks?: readonly ClassifierBenchmark[]; folds?: readonly number[]; epochs?: number } = {},
  onProgress?: (id: string, progress: TrainingProgress) => void,
): Promise<WrittenBenchmarkClassifier[]> {
  const written: WrittenBenchmarkClassifier[] = [];
  for (const benchmark of choice.benchmarks ?? CLASSIFIER_BENCHMARKS) {
    for (const fold of choice.folds ?? [...Array(BENCHMARK_RECIPE.folds).keys()]) {
      const id = `${benchmark}/fold-${fold}`;
      const { onnx, card, trainingSec } = await trainBenchmarkClassifier(benchmark, fold, {
        ...(choice.epochs === undefined ? {} : { epochs: choice.epochs }),
        onProgress: (p) => onProgress?.(id, p),
      });
      const dir = dirname(benchmarkModelPath(modelsDir, benchmark, fold));
      mkdirSync(dir, { recursive: true });
      const path = writeModelFiles(dir, `fold-${fold}`, onnx, card);
      written.push({ path, metrics: card.metrics.values, trainingSec });
    }
  }
  return written;
}
