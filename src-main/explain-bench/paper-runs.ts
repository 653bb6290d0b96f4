import type { BenchmarkName } from '../datasets/benchmarks';
import { AppError } from '../errors';

/**
 * LowVar's row in TimeX++'s Table 1 pools splits 1, 2, 3 and 5 of the official script (split 4 is
 * skipped; timexpp.md §7.2 and §9 #14): our 0-based splits 0, 1, 2 and 4.
 */
const LOWVAR_SPLITS = [0, 1, 2, 4] as const;

/** The runs behind a dataset's paper row (5 for every table but LowVar's 4). */
export function paperRuns(dataset: BenchmarkName): number {
  return dataset === 'lowvar' ? LOWVAR_SPLITS.length : 5;
}

/**
 * The split (black box, explainer seed) of run k, 0-based: k itself, except on LowVar, whose
 * runs are the splits its paper row pools (`requirePaperRuns` refuses the runs past them).
 */
export function runSplit(dataset: BenchmarkName, run: number): number {
  return dataset === 'lowvar' ? (LOWVAR_SPLITS[run] ?? run) : run;
}

/**
 * The data seed of run k: the Rare sets and ECG draw new data each run; State and Switch-Feature
 * share one dataset (seed 0) over the folds, as tint's scripts do; TimeX++'s sets generate each
 * split independently (timexpp.md §5), so a run explains its split's own data, the data its black
 * box was trained on (seed = split).
 */
export function runDataSeed(dataset: BenchmarkName, run: number): number {
  if (dataset === 'state' || dataset === 'switch-feature') return 0;
  return runSplit(dataset, run);
}

/** Refuses runs past the splits a LowVar row pools (every other table takes any run). */
export function requirePaperRuns(dataset: BenchmarkName, firstRun: number, runs: number): void {
  if (dataset === 'lowvar' && firstRun + runs > LOWVAR_SPLITS.length) {
    throw new AppError(
      'invalid-request',
      `lowvar: its Table 1 row pools ${LOWVAR_SPLITS.length} runs (the official script's splits 1, 2, 3 and 5; timexpp.md §7.2); runs ${firstRun + 1}–${firstRun + runs} go past them`,
    );
  }
}
