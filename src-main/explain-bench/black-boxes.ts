import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchmarkDataset, BenchmarkName } from '../datasets/benchmarks';
import { ECG_BEAT_MODEL_CARD } from '../datasets/ecg-beats';
import { AppError } from '../errors';
import type { BlackBox } from '../explain';
import { lastStepView } from '../explain/last-step-view';
import { parseModelCardJson, readModelFiles } from '../models';
import { TIMEX_DATASETS } from '../models/training/timex-black-boxes';
import { timexTrainMode } from '../models/training/timex-train-mode';
import { runSplit } from './paper-runs';
import { rareWhiteBoxes } from './rare-white-boxes';
import type { RareWhiteBoxes } from './rare-white-boxes';

/** The model a run explains, in the views its methods call. */
export type BenchBlackBox =
  | ({ readonly kind: 'white-box' } & RareWhiteBoxes)
  | {
      readonly kind: 'classifier';
      /** Logits at every time step, [B, T, K] (the masks' fidelity target, spec §4.2). */
      readonly perTime: BlackBox;
      /** The logits of the last step, [B, K] (what tunnelled methods explain). */
      readonly lastStep: BlackBox;
    };

/** Where run k's trained classifier is expected: one per fold (ContraLSP's 5 runs), or per split (TimeX++'s). */
export function classifierFile(root: string, dataset: BenchmarkName, run: number): string {
  const kind = dataset === 'state' || dataset === 'switch-feature' ? 'fold' : 'split';
  return join(root, 'models', 'benchmarks', dataset, `${kind}-${run}.onnx`);
}

const ECG_MODEL = ['models', 'ecg-beat-cnn.onnx'] as const;

/**
 * Refuses, before anything runs, a dataset whose black box is missing for one of the runs: no
 * stand-in model is ever used. The Rare sets need none (white boxes), State and Switch-Feature
 * their trained GRUs, TimeX++'s sets their transformer classifiers, ECG the shipped beat CNN.
 */
export function requireBlackBoxes(root: string, dataset: BenchmarkName, firstRun: number, runs: number): void {
  if (dataset.startsWith('rare-')) return;
  if (dataset === 'ecg-synth') {
    requireEcgFit(root);
    return;
  }
  const what =
    dataset === 'state' || dataset === 'switch-feature'
      ? `the ${dataset} GRU classifier of fold k (ContraLSP §4.2: logits at every step, (B, T, 2)) is trained into models/benchmarks/${dataset}/fold-<k>.onnx`
      : `TimeX++'s transformer classifier for ${dataset} (timexpp.md §4) is not built yet`;
  for (let run = firstRun; run < firstRun + runs; run++) {
    const file = classifierFile(root, dataset, runSplit(dataset, run));
    if (!existsSync(file)) {
      throw new AppError('not-found', `${dataset}: no black box for run ${run + 1}: ${file} does not exist (${what})`);
    }
  }
}

/**
 * ecg-synth is generated as the input of the shipped beat CNN (its leads, preprocessing and class
 * order come from the card the dataset was built with); the model here must be that one.
 */
function requireEcgFit(root: string): void {
  const file = join(root, ...ECG_MODEL);
  const cardFile = file.replace(/\.onnx$/, '.json');
  if (!existsSync(file) || !existsSync(cardFile)) {
    throw new AppError('not-found', `ecg-synth: no black box: ${file} (with its card ${cardFile}) does not exist`);
  }
  const card = parseModelCardJson(readFileSync(cardFile, 'utf8'), cardFile);
  if (card.sha256 !== ECG_BEAT_MODEL_CARD.sha256) {
    throw new AppError(
      'invalid-request',
      `ecg-synth: ${cardFile} describes a model with sha256 ${card.sha256}; the dataset is built for the shipped ecg-beat-cnn (${ECG_BEAT_MODEL_CARD.sha256})`,
    );
  }
}

export async function resolveBlackBox(root: string, dataset: BenchmarkDataset, run: number): Promise<BenchBlackBox> {
  if (dataset.task === 'white-box-regression') return { kind: 'white-box', ...(await rareWhiteBoxes(dataset)) };
  if (dataset.name === 'ecg-synth') {
    // A window classifier: [B, K] logits, the same for both views.
    const file = join(root, ...ECG_MODEL);
    const box: BlackBox = { name: file, onnx: readFileSync(file), output: ECG_BEAT_MODEL_CARD.outputKind };
    return { kind: 'classifier', perTime: box, lastStep: box };
  }
  const file = classifierFile(root, dataset.name, run);
  const timexSet = TIMEX_DATASETS.find((name) => name === dataset.name);
  if (!timexSet) {
    const perTime: BlackBox = { name: file, onnx: readFileSync(file), output: 'logits' };
    return { kind: 'classifier', perTime, lastStep: lastStepView(perTime) };
  }
  // TimeX++'s transformers classify whole windows ([B, K]): both views are the model itself, which
  // TimeX++ calls in train mode while its explainer trains.
  const model = await readModelFiles(file);
  const box: BlackBox = { name: file, onnx: model.bytes, output: 'logits', trainMode: timexTrainMode(timexSet, model) };
  return { kind: 'classifier', perTime: box, lastStep: box };
}
