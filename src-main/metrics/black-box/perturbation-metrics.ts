import type { Tensor } from '../../engine/ir';
import { AppError } from '../../errors';
import { inputsAndMaps, type MapShape, type MetricResult } from '../saliency-map';
import { baselineValues, overwriteEntries, type Baseline } from './baselines';
import { resolveTargets, runForward, softmaxRows, type Forward, type OutputRows } from './forward';
import { rankEntries } from '../ranking';
import { checkTopk, tintTopkCount } from './tint-topk';
import { repeatEachExample } from './repeat-examples';

/**
 * tint's black-box metrics (`tint.metrics`; ContraLSP's MIMIC-III table and curves, tint's MIMIC
 * experiment): per example, the top-k entries by raw signed attribution are replaced by a baseline,
 * the model runs on the original and the perturbed batch (one call each), and a per-example score
 * is averaged. Pass `|attributions|` for magnitude.
 */
export interface TopkOptions {
  /** Fraction of each example's T·F entries, in (0, 1); k = int(T·F·topk). Default 0.2. */
  readonly topk?: number;
  /** What replaces the chosen entries. Default 0. */
  readonly baseline?: Baseline;
  /** Class per example (or one for all); default the argmax of the original output. */
  readonly target?: number | readonly number[];
  /** Reproduce tint's `n_samples` quirks (see `TintBugCompat`); off by default. */
  readonly tintBugCompat?: TintBugCompat;
}

export interface MaskOptions extends TopkOptions {
  /** Replace the top-k entries (true, default) or keep only them, replacing the rest. */
  readonly maskLargest?: boolean;
}

/**
 * tint with `n_samples > 1` and `stdevs = 0` (no noise is drawn here): inputs and tensor baselines
 * are repeated example-major while attributions and targets are tiled, so row r explains example
 * ⌊r/n⌋ with the attributions of example r mod B (bug a); and with `nSamplesBatchSize` < `nSamples`
 * the kept fraction flips 1 − k, k, 1 − k, … between batches for sufficiency-like metrics (bug b).
 * `perExample` then holds one value per expanded row.
 */
export interface TintBugCompat {
  readonly nSamples: number;
  readonly nSamplesBatchSize?: number;
}

/** How one metric scores a row: on probabilities (softmax of the outputs) or on the raw outputs. */
interface MetricDefinition {
  readonly onProbabilities: boolean;
  /** `target` is null only for raw-output metrics without a given target (all outputs count). */
  readonly score: (original: Float64Array, perturbed: Float64Array, target: number | null) => number;
  /** tint averages accuracy in float32 (2/3 → 0.6666666865). */
  readonly float32Mean?: boolean;
}

const DEFAULT_TOPK = 0.2;

/** A tint black-box metric: model, inputs [B, T, F], attributions of the same shape. */
export type PerturbationMetric<O extends TopkOptions> = (
  forward: Forward,
  x: Tensor,
  attributions: Tensor,
  options?: O,
) => Promise<MetricResult>;

export interface AccuracyOptions extends MaskOptions {
  /** A perturbed example still counts as correct while p[c] ≥ threshold. Default 0.5. */
  readonly threshold?: number;
}

function tintMetric<O extends TopkOptions>(
  definition: (options: O) => MetricDefinition,
  largest: (options: O) => boolean,
): PerturbationMetric<O> {
  return (forward, x, attributions, options = {} as O) =>
    perturbationMetric(definition(options), largest(options), forward, x, attributions, options);
}

const removeTop = (): boolean => true;
const keepTop = (): boolean => false;
const maskLargest = (options: MaskOptions): boolean => options.maskLargest ?? true;

const probabilityDrop = (): MetricDefinition => ({
  onProbabilities: true,
  score: (original, perturbed, c) => at(original, c) - at(perturbed, c),
});

/** p_orig[c] − p_pert[c] after removing the top-k entries (higher is better). */
export const comprehensiveness = tintMetric<TopkOptions>(probabilityDrop, removeTop);

/** p_orig[c] − p_pert[c] keeping only the top-k entries, i.e. replacing the lowest 1 − k (lower is better). */
export const sufficiency = tintMetric<TopkOptions>(probabilityDrop, keepTop);

/** log p_pert[c] − log p_orig[c] after removing the top-k entries (lower is better). */
export const logOdds = tintMetric<TopkOptions>(
  () => ({
    onProbabilities: true,
    score: (original, perturbed, c) => Math.log(at(perturbed, c)) - Math.log(at(original, c)),
  }),
  removeTop,
);

/** Share of examples whose perturbed p[c] is still ≥ `threshold` (lower is better). */
export const perturbedAccuracy = tintMetric<AccuracyOptions>((options) => {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new AppError('invalid-request', `threshold: expected a probability in [0, 1], got ${threshold}`);
  }
  return {
    onProbabilities: true,
    score: (_original, perturbed, c) => (at(perturbed, c) >= threshold ? 1 : 0),
    float32Mean: true,
  };
}, maskLargest);

/** −log p_pert[c], a hard-label cross-entropy against the original argmax (higher is better). */
export const perturbedCrossEntropy = tintMetric<MaskOptions>(
  () => ({ onProbabilities: true, score: (_original, perturbed, c) => -Math.log(at(perturbed, c)) }),
  maskLargest,
);

/** Σ |out_orig − out_pert| over the raw outputs, or only the target column when one is given (lower is better). */
export const perturbedOutputMae = tintMetric<MaskOptions>(() => outputError((d) => Math.abs(d)), maskLargest);

/** Σ (out_orig − out_pert)² over the raw outputs, or only the target column (lower is better). */
export const perturbedOutputMse = tintMetric<MaskOptions>(() => outputError((d) => d * d), maskLargest);

function outputError(error: (difference: number) => number): MetricDefinition {
  return {
    onProbabilities: false,
    score: (original, perturbed, c) => {
      let sum = 0;
      original.forEach((o, j) => {
        if (c === null || c === j) sum += error(o - (perturbed[j] ?? NaN));
      });
      return sum;
    },
  };
}

function at(row: Float64Array, c: number | null): number {
  return row[c ?? 0] ?? NaN;
}

async function perturbationMetric(
  definition: MetricDefinition,
  largest: boolean,
  forward: Forward,
  x: Tensor,
  attributions: Tensor,
  options: TopkOptions,
): Promise<MetricResult> {
  const shape = inputsAndMaps(x, attributions, 'attributions');
  const baselineAt = baselineValues(options.baseline ?? 0, x, shape);
  const { nSamples, nSamplesBatchSize = nSamples } = options.tintBugCompat ?? { nSamples: 1 };
  for (const [field, value] of [
    ['nSamples', nSamples],
    ['nSamplesBatchSize', nSamplesBatchSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new AppError('invalid-request', `tintBugCompat.${field}: expected a positive integer, got ${value}`);
    }
  }
  let topk = options.topk ?? DEFAULT_TOPK;
  checkTopk(topk);
  const perRow: number[] = [];
  for (let done = 0; done < nSamples; done += nSamplesBatchSize) {
    const n = Math.min(nSamplesBatchSize, nSamples - done);
    // tint turns topk into 1 − topk inside its batch loop; with one batch this is just the intended 1 − topk.
    if (!largest) topk = 1 - topk;
    const k = tintTopkCount(shape.perExample, topk);
    perRow.push(...(await scoreBatch(definition, largest, k, n, forward, x, attributions, shape, baselineAt, options)));
  }
  const mean = perRow.reduce((sum, v) => sum + v, 0) / perRow.length;
  return { value: definition.float32Mean ? Math.fround(mean) : mean, perExample: perRow };
}

/** One batch of tint's loop: each example repeated n times (rows ⌊r/n⌋), attributions and targets tiled (r mod B). */
async function scoreBatch(
  definition: MetricDefinition,
  largest: boolean,
  k: number,
  n: number,
  forward: Forward,
  x: Tensor,
  attributions: Tensor,
  shape: MapShape,
  baselineAt: (index: number) => number,
  options: TopkOptions,
): Promise<number[]> {
  const { examples, perExample } = shape;
  const rows = examples * n;
  const inputs = n === 1 ? x : repeatEachExample(x, n);
  const chosen = Array.from({ length: rows }, (_, r) =>
    rankEntries(attributions.data as ArrayLike<number>, (r % examples) * perExample, perExample, largest).subarray(
      0,
      k,
    ),
  );
  const sourceIndex = (i: number): number => Math.floor(Math.floor(i / perExample) / n) * perExample + (i % perExample);
  const perturbedInputs = overwriteEntries(inputs, perExample, chosen, (i) => baselineAt(sourceIndex(i)));
  const logitsOriginal = await runForward(forward, inputs);
  const logitsPerturbed = await runForward(forward, perturbedInputs);
  const target = tiledTarget(options.target, examples, n);
  const targets = definition.onProbabilities || target !== undefined ? resolveTargets(target, logitsOriginal) : null;
  const original = definition.onProbabilities ? softmaxRows(logitsOriginal) : logitsOriginal;
  const perturbed = definition.onProbabilities ? softmaxRows(logitsPerturbed) : logitsPerturbed;
  return Array.from({ length: rows }, (_, r) =>
    definition.score(row(original, r), row(perturbed, r), targets ? (targets[r] ?? 0) : null),
  );
}

function row({ classes, values }: OutputRows, r: number): Float64Array {
  return values.subarray(r * classes, (r + 1) * classes);
}

function tiledTarget(
  target: number | readonly number[] | undefined,
  examples: number,
  n: number,
): number | number[] | undefined {
  if (typeof target !== 'object') return target;
  if (target.length !== examples) {
    throw new AppError('invalid-request', `target: expected one class per example (${examples}), got ${target.length}`);
  }
  return Array.from({ length: examples * n }, (_, r) => target[r % examples] ?? 0);
}
