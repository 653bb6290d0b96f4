import type { BenchmarkDataset } from '../benchmark-dataset';

/** A stretch of consecutive salient time steps in one feature of one sample. */
export interface TruthRun {
  feature: number;
  start: number;
  length: number;
}

/** Sample n's salient runs, ordered by start time (then feature). */
export function truthRuns(d: BenchmarkDataset, n: number): TruthRun[] {
  const [, T, F] = d.shape;
  const runs: TruthRun[] = [];
  for (let f = 0; f < F; f++) {
    let start = -1;
    for (let t = 0; t <= T; t++) {
      const on = t < T && d.truth[(n * T + t) * F + f] === 1;
      if (on && start < 0) start = t;
      if (!on && start >= 0) {
        runs.push({ feature: f, start, length: t - start });
        start = -1;
      }
    }
  }
  return runs.sort((a, b) => a.start - b.start || a.feature - b.feature);
}

/** The rows of each split: [first, end) for train, validation and test. */
export function splitRows(d: BenchmarkDataset): Record<'train' | 'validation' | 'test', [number, number]> {
  const { train, validation, test } = d.split ?? { train: d.shape[0], validation: 0, test: 0 };
  return {
    train: [0, train],
    validation: [train, train + validation],
    test: [train + validation, train + validation + test],
  };
}
