import type { Feed, Rng, StepResult, Tensor } from '../engine';
import { shuffle } from '../models/training/seeded-order';
import type { CarriedSteps } from './carried-steps';
import type { CancelCheck, ExplainProgress } from './explainer';
import type { PolicyArchitecture } from './ib-policy';
import { streamRng } from './random-source';
import { maskGeneratorArchitecture } from './timexpp/network';

/** The seeded stream of a fit's initial weights (the others are numbered by each method). */
export const INIT_STREAM = 0;

type EncoderSettings = Parameters<typeof maskGeneratorArchitecture>[2];
import { ReduceLrOnPlateau } from './timexpp/lr-plateau';

/**
 * The epochs of a mask generator's fit (TimeX++, TimeX): shuffled batches with the short last batch
 * kept, a selection metric after each epoch (higher is better) whose best epoch's values are kept
 * while every epoch runs, and with the scheduler ReduceLROnPlateau stepped on that metric after
 * epoch index 20 (timexpp.md §2.9).
 */

export interface EpochLog {
  readonly epoch: number;
  /** The loss of the epoch's last batch. */
  readonly lastBatchLoss: number;
  readonly meanLoss: number;
  /** The selection metric after the epoch. */
  readonly metric: number;
  readonly meanPi: number;
  /** Mean of the sampled masks. */
  readonly maskDensity: number;
  readonly lr: number;
}

/** What a fit of a mask generator reports. */
export interface MaskGeneratorFitReport {
  readonly epochs: readonly EpochLog[];
  /** The 1-based epoch whose parameters were kept. */
  readonly selectedEpoch: number;
  readonly steps: number;
  readonly trainingRows: number;
  /** The last step's loss and terms. */
  readonly finalLosses: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** A fitted (or fresh) mask generator: what fixes its shapes, its settings and its (selected) parameters. */
export interface MaskGeneratorState<P, R extends MaskGeneratorFitReport = MaskGeneratorFitReport> {
  readonly architecture: PolicyArchitecture;
  readonly params: P;
  readonly seed: number;
  readonly values: ReadonlyMap<string, Tensor>;
  readonly fit?: R;
}

/** A freshly initialised mask generator for windows [T, D] with parsed settings (h's shape among them). */
export function freshMaskGenerator<
  P extends EncoderSettings,
  R extends MaskGeneratorFitReport = MaskGeneratorFitReport,
>(
  time: number,
  features: number,
  params: P,
  seed: number,
  init: (arch: PolicyArchitecture, rng: Rng) => Map<string, Tensor>,
): MaskGeneratorState<P, R> {
  const architecture = maskGeneratorArchitecture(time, features, params);
  return { architecture, params, seed, values: init(architecture, streamRng(seed, INIT_STREAM)) };
}

export interface SelectedValues {
  /** The 1-based epoch whose values these are (0: the initial ones). */
  readonly epoch: number;
  readonly values: ReadonlyMap<string, Tensor>;
}

/** The recipe's part that the loop follows. */
export interface EpochRecipe {
  readonly batchSize: number;
  readonly epochs: number;
  readonly lr: number;
  readonly scheduler: boolean;
}

export interface EpochTraining {
  readonly rows: number;
  readonly recipe: EpochRecipe;
  /** For progress: "fitting TimeX++". */
  readonly phase: string;
  readonly order: Rng;
  readonly steps: CarriedSteps;
  /** The values kept for the selected epoch, initially. */
  readonly initial: ReadonlyMap<string, Tensor>;
  /** A batch's feeds for the rows chosen (indices into the training rows). */
  feeds(rows: Int32Array): Record<string, Feed>;
  /** The selection metric of an epoch from its last step's result. */
  metric(last: StepResult): number | Promise<number>;
  readonly onProgress?: ((progress: ExplainProgress) => void) | undefined;
  readonly cancel?: CancelCheck | undefined;
  readonly onEpoch?: ((log: EpochLog, selected: SelectedValues) => void | Promise<void>) | undefined;
}

export interface EpochTrainingResult {
  readonly epochs: readonly EpochLog[];
  readonly selected: SelectedValues;
  readonly steps: number;
  /** The last step's loss and scalar terms. */
  readonly finalLosses: Readonly<Record<string, number>>;
}

export async function trainEpochs(t: EpochTraining): Promise<EpochTrainingResult> {
  const { recipe } = t;
  const order = Int32Array.from({ length: t.rows }, (_, i) => i);
  const batchSize = Math.min(recipe.batchSize, t.rows);
  const batchesPerEpoch = Math.ceil(t.rows / batchSize);
  const steps = batchesPerEpoch * recipe.epochs;
  const keep = [...t.initial.keys()];
  const plateau = recipe.scheduler ? new ReduceLrOnPlateau(recipe.lr) : undefined;
  let lr = recipe.lr;
  let best = -Infinity;
  let selected: SelectedValues = { epoch: 0, values: t.initial };
  const epochs: EpochLog[] = [];
  let last: StepResult | undefined;
  let step = 0;
  for (let epoch = 0; epoch < recipe.epochs; epoch++) {
    shuffle(order, t.order);
    const sums = { loss: 0, pi: 0, density: 0 };
    for (let k = 0; k < batchesPerEpoch; k++) {
      t.cancel?.throwIfCancelled();
      const chosen = order.subarray(k * batchSize, Math.min(t.rows, (k + 1) * batchSize));
      last = await (await t.steps.at(chosen.length, lr)).step(t.feeds(chosen));
      step++;
      sums.loss += last.loss;
      sums.pi += tensorMean(last.outputs.pi);
      sums.density += tensorMean(last.outputs.mask);
      t.onProgress?.({ step, steps, phase: t.phase, loss: last.loss });
    }
    const metric = last ? await t.metric(last) : NaN;
    const log: EpochLog = {
      epoch: epoch + 1,
      lastBatchLoss: last?.loss ?? NaN,
      meanLoss: sums.loss / batchesPerEpoch,
      metric,
      meanPi: sums.pi / batchesPerEpoch,
      maskDensity: sums.density / batchesPerEpoch,
      lr,
    };
    epochs.push(log);
    if (metric > best) {
      best = metric;
      selected = { epoch: epoch + 1, values: t.steps.values(keep) };
    }
    if (plateau && epoch > 20) lr = plateau.step(metric);
    await t.onEpoch?.(log, selected);
  }
  const finalLosses: Record<string, number> = { total: last?.loss ?? NaN };
  for (const [name, value] of Object.entries(last?.outputs ?? {})) {
    if (value.shape.length === 0) finalLosses[name] = Number(value.data[0]);
  }
  return { epochs, selected, steps, finalLosses };
}

/** The state a fit returns: the selected epoch's values and the fit's report. */
export function fittedState<P>(
  initial: MaskGeneratorState<P>,
  trained: EpochTrainingResult,
  trainingRows: number,
  started: number,
): MaskGeneratorState<P> & { readonly fit: MaskGeneratorFitReport } {
  return {
    ...initial,
    values: trained.selected.values,
    fit: {
      epochs: trained.epochs,
      selectedEpoch: trained.selected.epoch,
      steps: trained.steps,
      trainingRows,
      finalLosses: trained.finalLosses,
      seconds: (performance.now() - started) / 1000,
    },
  };
}

/** The mean of a tensor's elements (NaN when absent). */
export function tensorMean(t: Tensor | undefined): number {
  if (!t) return NaN;
  let sum = 0;
  for (let i = 0; i < t.data.length; i++) sum += Number(t.data[i]);
  return sum / Math.max(1, t.data.length);
}
