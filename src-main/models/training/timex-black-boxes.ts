import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateBenchmark } from '../../datasets/benchmarks';
import type { BenchmarkDataset, BenchmarkSize } from '../../datasets/benchmarks';
import { AppError } from '../../errors';
import { writeModelFiles } from '../model-files';
import type { LabelledWindows } from './labelled-windows';
import { removeTrainingCheckpoint } from './training-checkpoint';
import { trainModel } from './train-model';
import type { ModelTrainingSpec, TrainedModel } from './train-model';
import type { TrainingProgress } from './trainer';
import { transformerMvts } from './transformer-mvts';
import type { TransformerMvtsOptions } from './transformer-mvts';

/** The TimeX++ synthetic sets that have a `TransformerMVTS` black box. */
export const TIMEX_DATASETS = ['freqshapes', 'seqcomb-uv', 'seqcomb-mv', 'lowvar'] as const;
export type TimexDataset = (typeof TIMEX_DATASETS)[number];

/** The 5 splits: split k is `generateBenchmark(dataset, { seed: k })` and trains with seed k. */
export const TIMEX_SPLITS = [0, 1, 2, 3, 4] as const;

interface TimexRecipe {
  readonly title: string;
  readonly network: Omit<TransformerMvtsOptions, 'times'>;
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly epochs: number;
}

/** timexpp.md §4: the black boxes' architecture and AdamW recipe per dataset (batch 64, Poly-1 loss, best validation macro-F1). */
export const TIMEX_RECIPES: Record<TimexDataset, TimexRecipe> = {
  freqshapes: {
    title: 'FreqShapes',
    network: { layers: 1, feedForward: 16, dropout: 0.1, normEmbedding: false },
    learningRate: 1e-3,
    weightDecay: 0.1,
    epochs: 100,
  },
  'seqcomb-uv': {
    title: 'SeqComb-UV',
    network: { layers: 2, feedForward: 64, dropout: 0.25, normEmbedding: false },
    learningRate: 1e-3,
    weightDecay: 0.01,
    epochs: 200,
  },
  'seqcomb-mv': {
    title: 'SeqComb-MV',
    // Its 1000 epochs made drawing the attention masks the largest cost of training: packed draws.
    network: { layers: 2, feedForward: 128, dropout: 0.25, normEmbedding: false, dropoutDraws: 'packed' },
    learningRate: 5e-4,
    weightDecay: 1e-3,
    epochs: 1000,
  },
  lowvar: {
    title: 'LowVar',
    network: { layers: 1, feedForward: 32, dropout: 0.1, normEmbedding: true },
    learningRate: 1e-3,
    weightDecay: 0.01,
    epochs: 120,
  },
};

const BATCH = 64;

/** Rows `[from, from + count)` of a generated set as labelled windows. */
export function timexWindows(data: BenchmarkDataset, from: number, count: number): LabelledWindows {
  const [, time, features] = data.shape;
  const frame = time * features;
  if (!data.labels) throw new AppError('internal', `${data.name} has no labels`);
  return {
    windows: data.x.slice(from * frame, (from + count) * frame),
    targets: Float32Array.from(data.labels.subarray(from, from + count)),
    count,
  };
}

/** The train, validation and test rows of a generated TimeX set. */
export function timexParts(data: BenchmarkDataset): Record<'train' | 'validation' | 'test', LabelledWindows> {
  const split = data.split;
  if (!split) throw new AppError('internal', `${data.name} has no train/validation/test split`);
  return {
    train: timexWindows(data, 0, split.train),
    validation: timexWindows(data, split.train, split.validation),
    test: timexWindows(data, split.train + split.validation, split.test),
  };
}

export interface TimexTrainingChoice {
  /** Departs from the recipe's epoch count (for a quick run; the card records what ran). */
  readonly epochs?: number;
  /** Default 'full' (the papers' 5000/100/1000 rows). */
  readonly size?: BenchmarkSize;
}

/**
 * The training run of one black box: split k of the dataset (seed k) with the §4 recipe. The model
 * reads raw values (no standardisation, as TimeX++'s do) and its exported graph holds the fixed
 * stamps 1…T, so its only input is `x` [batch, T, D] and its output `logits` [batch, 4].
 */
export function timexTrainingSpec(
  dataset: TimexDataset,
  split: number,
  choice: TimexTrainingChoice = {},
): ModelTrainingSpec {
  const recipe = TIMEX_RECIPES[dataset];
  const data = generateBenchmark(dataset, { seed: split, size: choice.size ?? 'full' });
  const parts = timexParts(data);
  const [, time, features] = data.shape;
  const classNames = [...(data.classNames ?? [])];
  const call = `generateBenchmark('${dataset}', { seed: ${split}, size: '${data.size}' })`;
  return {
    description: {
      id: `timex-${dataset}-split-${split}`,
      name: `${recipe.title} black box, split ${split} (TimeX++ TransformerMVTS)`,
      version: '1.0.0',
      task: 'classification',
      classNames,
      input: {
        windowLength: time,
        samplingRateHz: 1,
        channels: Array.from({ length: features }, (_, d) => ({ name: `x${d}`, units: '' })),
      },
      trainingData: {
        description: `the ${parts.train.count} training windows of ${call}; the epoch kept is the one with the best macro-F1 on its ${parts.validation.count} validation windows. Time stamps 1…${time} are built into the graph`,
        samples: parts.train.count,
      },
      licence: 'UNLICENSED',
      createdBy: 'salience train (Salience Workbench)',
    },
    filter: 'none',
    network: transformerMvts({ windowLength: time, channels: features, outputs: classNames.length }, recipe.network),
    data: { ...parts, testDescription: `the ${parts.test.count} test windows of ${call}` },
    options: {
      epochs: choice.epochs ?? recipe.epochs,
      batchSize: BATCH,
      learningRate: recipe.learningRate,
      weightDecay: recipe.weightDecay,
      decoupledWeightDecay: true,
      loss: 'poly-1',
      keep: 'best-macro-f1',
      seed: split,
    },
    standardise: false,
    outputName: 'logits',
  };
}

export interface WrittenTimexModel {
  readonly path: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly keptEpoch: number;
  /** Seconds of training, summed over the legs of a run continued from its checkpoint. */
  readonly trainingSec: number;
}

export interface TimexBlackBoxChoice extends TimexTrainingChoice {
  readonly datasets?: readonly string[];
  readonly splits?: readonly number[];
  /**
   * A folder for each run's saved state (`<model id>.state`, written after every epoch and removed
   * once the model is written): a run stopped part-way continues from its last epoch when started
   * again with the same folder.
   */
  readonly checkpoints?: string;
}

/** Trains the chosen splits of the chosen datasets into `OUT/benchmarks/<dataset>/split-<k>.onnx` (+ card). */
export async function trainTimexBlackBoxes(
  outDir: string,
  choice: TimexBlackBoxChoice = {},
  onProgress?: (id: string, progress: TrainingProgress) => void,
): Promise<WrittenTimexModel[]> {
  const datasets = (choice.datasets ?? ['freqshapes']).map((name) => {
    const found = TIMEX_DATASETS.find((d) => d === name);
    if (!found)
      throw new AppError('invalid-request', `dataset '${name}': expected one of ${TIMEX_DATASETS.join(', ')}`);
    return found;
  });
  const splits = choice.splits ?? TIMEX_SPLITS;
  for (const split of splits) {
    if (!TIMEX_SPLITS.some((k) => k === split)) {
      throw new AppError('invalid-request', `split ${split}: expected one of ${TIMEX_SPLITS.join(', ')}`);
    }
  }
  const written: WrittenTimexModel[] = [];
  for (const dataset of datasets) {
    const dir = join(outDir, 'benchmarks', dataset);
    mkdirSync(dir, { recursive: true });
    for (const split of splits) {
      const spec = timexTrainingSpec(dataset, split, choice);
      const checkpoint = choice.checkpoints ? join(choice.checkpoints, `${spec.description.id}.state`) : undefined;
      const { onnx, card, trained }: TrainedModel = await trainModel(
        { ...spec, options: { ...spec.options, onProgress: (p) => onProgress?.(spec.description.id, p) } },
        checkpoint ? { checkpoint } : {},
      );
      const path = writeModelFiles(dir, `split-${split}`, onnx, card);
      if (checkpoint) removeTrainingCheckpoint(checkpoint);
      written.push({
        path,
        metrics: card.metrics.values,
        keptEpoch: trained.keptEpoch,
        trainingSec: trained.elapsedSec,
      });
    }
  }
  return written;
}
