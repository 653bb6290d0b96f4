/** The synthetic saliency benchmarks of the ContraLSP/Dynamask/ExtrMask and TimeX++ papers, and our ECG set. */
export const BENCHMARK_NAMES = [
  'rare-time',
  'rare-time-diffgroups',
  'rare-observation',
  'rare-observation-diffgroups',
  'state',
  'switch-feature',
  'freqshapes',
  'seqcomb-uv',
  'seqcomb-mv',
  'lowvar',
  'ecg-synth',
] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

/** 'full': the sizes behind the papers' tables; 'quick': a few samples of the same structure, for CI. */
export type BenchmarkSize = 'full' | 'quick';

/** Rows of x, in order: the first `train`, then `validation`, then `test`. */
export interface DatasetSplit {
  train: number;
  validation: number;
  test: number;
}

/**
 * One salient block of a white-box (Rare) dataset: rows × times × features, half-open ranges.
 * The white box outputs, at each salient time of each row of the block, Σ x² over the block's
 * features ('sum-of-squares') or (Σ x)² ('square-of-sum', the diffgroups' first group).
 */
export interface SalientBlock {
  rows: readonly [start: number, end: number];
  times: readonly [start: number, end: number];
  features: readonly number[];
  combine: 'sum-of-squares' | 'square-of-sum';
}

export interface BenchmarkDataset {
  name: BenchmarkName;
  task: 'white-box-regression' | 'classification';
  seed: number;
  size: BenchmarkSize;
  /** [N, T, F]: samples, time steps, features. */
  shape: readonly [samples: number, time: number, features: number];
  /** [N, T, F] row-major ([n][t][f]). */
  x: Float32Array;
  /** [N, T, F] ground-truth saliency: 1 where the generator planted what decides the output. */
  truth: Uint8Array;
  /** [N] class per sample (the TimeX sets and ECG). */
  labels?: Int32Array;
  /** Class names, indexed by label (or by per-time label). */
  classNames?: readonly string[];
  /** [N, T] label per time step (State and Switch-Feature: the classifier predicts one at every step). */
  timeLabels?: Int32Array;
  /** [N, T] the hidden state behind each time step (State and Switch-Feature). */
  states?: Int32Array;
  /** Train/validation/test rows; absent for the white-box sets, which are explained whole. */
  split?: DatasetSplit;
  /** [T] time stamps the TimeX++ models take with each sample (1…T, or 0…359 for ECG). */
  times?: Float32Array;
  /** The white box's salient blocks (Rare sets only); the truth is their union. */
  salient?: readonly SalientBlock[];
}

/** Index of entry (n, t, f) in an [N, T, F] array. */
export function entryIndex(shape: BenchmarkDataset['shape'], n: number, t: number, f: number): number {
  return (n * shape[1] + t) * shape[2] + f;
}
