import { basename } from 'node:path';
import type { Study } from '../../store';
import type { BandPass, ModelCard, ModelTask } from '../model-card';
import { annotatedWindows } from './annotated-windows';
import { buildNetwork, type ArchitectureName, type ArchitectureSizes } from './architectures';
import { joinSets, splitRows, type SplitSets } from './split-rows';
import type { ModelTrainingSpec } from './train-model';
import type { TrainingOptions } from './trainer';

/** Labelled windows split for training, with what the card says of them. */
export interface TrainingData {
  /** What the data is called in the model's default id and name. */
  readonly name: string;
  readonly task: ModelTask;
  readonly classNames: string[];
  readonly input: ModelCard['input'];
  readonly sets: SplitSets;
  readonly trainingDescription: string;
  readonly testDescription: string;
}

/** Fractions of the windows for early stopping and for the held-out metrics. */
export interface SplitFractions {
  readonly validation: number;
  readonly test: number;
}

/**
 * A window centred on every annotation with one of `labels` (each label a class). With three or
 * more records, whole records are split: the last by name held out for the test, the one before
 * it for validation; with fewer, the windows are split at random.
 */
export function studyTrainingData(
  study: Study,
  request: { labels: string[]; windowSec: number; channels?: string[]; fractions: SplitFractions; seed: number },
): TrainingData {
  const found = annotatedWindows(study.db, {
    windowSec: request.windowSec,
    labels: request.labels,
    ...(request.channels ? { channels: request.channels } : {}),
  });
  const { records } = found;
  const name = basename(study.path).replace(/\.[^.]*$/, '');
  const what = `${found.input.windowLength}-sample windows centred on the ${found.classNames.join(', ')} annotations`;
  const common = { name, task: 'classification' as const, classNames: found.classNames, input: found.input };
  if (records.length >= 3) {
    const [validation, test] = records.slice(-2);
    const training = records.slice(0, -2);
    return {
      ...common,
      sets: {
        train: joinSets(training.map((r) => r.set)),
        validation: validation?.set ?? joinSets([]),
        test: test?.set ?? joinSets([]),
      },
      trainingDescription: `${what} of records ${training.map((r) => r.name).join(', ')} of study ${name}; record ${validation?.name ?? ''} for early stopping`,
      testDescription: `the ${what.replace(/^\S+ /, '')} of held-out record ${test?.name ?? ''} of study ${name}`,
    };
  }
  const { fractions, seed } = request;
  const sets = splitRows(joinSets(records.map((r) => r.set)), fractions, seed);
  return {
    ...common,
    sets,
    trainingDescription: `${what} of study ${name} (records ${records.map((r) => r.name).join(', ')}), less a random ${fractions.validation} for early stopping and ${fractions.test} held out`,
    testDescription: `${sets.test.count} held-out windows of study ${name} (a random ${fractions.test}, seed ${seed})`,
  };
}

/** How to train: the architecture, its sizes, the preprocessing and the optimiser's settings. */
export interface TrainingSettings {
  readonly architecture: ArchitectureName;
  /** The model's id; `<data>-<architecture>` when absent. */
  readonly id?: string;
  readonly sizes: ArchitectureSizes;
  readonly bandPass?: BandPass;
  readonly subtractWindowMean: boolean;
  readonly licence: string;
  readonly createdBy: string;
  readonly options: TrainingOptions;
}

/** The training spec of `data` under `settings`: the network, the card's description and the options. */
export function trainingSpec(data: TrainingData, settings: TrainingSettings): ModelTrainingSpec {
  const { architecture: arch } = settings;
  const id = settings.id ?? `${data.name}-${arch}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  const shape = {
    windowLength: data.input.windowLength,
    channels: data.input.channels.length,
    outputs: data.task === 'binary-risk' ? 1 : data.classNames.length,
  };
  return {
    description: {
      id,
      name: `${arch} on ${data.name}`,
      version: '1.0.0',
      task: data.task,
      classNames: data.classNames,
      input: data.input,
      trainingData: { description: data.trainingDescription, samples: data.sets.train.count },
      licence: settings.licence,
      createdBy: settings.createdBy,
    },
    filter: settings.subtractWindowMean ? 'subtract-window-mean' : 'none',
    ...(settings.bandPass ? { bandPass: settings.bandPass } : {}),
    network: buildNetwork(arch, shape, settings.sizes),
    data: { ...data.sets, testDescription: data.testDescription },
    options: { ...settings.options, batchSize: Math.min(settings.options.batchSize, data.sets.train.count) },
  };
}
