import type { BenchmarkDataset } from '../benchmark-dataset';

/** Readers of a State / Switch-Feature dataset: the hidden state and the value at (n, t[, f]). */
export function stateReaders(d: BenchmarkDataset): {
  stateAt: (n: number, t: number) => number;
  xAt: (n: number, t: number, f: number) => number;
} {
  const [, T, F] = d.shape;
  return {
    stateAt: (n, t) => d.states?.[n * T + t] ?? NaN,
    xAt: (n, t, f) => d.x[(n * T + t) * F + f] ?? NaN,
  };
}

/**
 * Entries whose truth differs from "1 exactly at feature salientFeature(s_t)", and the salient
 * count in the test split.
 */
export function truthAgainstStates(
  d: BenchmarkDataset,
  salientFeature: (state: number) => number,
): { mismatches: number; testTotal: number } {
  const [N, T, F] = d.shape;
  const { stateAt } = stateReaders(d);
  const testFrom = N - (d.split?.test ?? 0);
  let [mismatches, testTotal] = [0, 0];
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      for (let f = 0; f < F; f++) {
        const v = d.truth[(n * T + t) * F + f] ?? NaN;
        if (v !== (f === salientFeature(stateAt(n, t)) ? 1 : 0)) mismatches++;
        if (n >= testFrom) testTotal += v;
      }
    }
  }
  return { mismatches, testTotal };
}

/**
 * How many standard deviations the count of label-1 steps lies from its expectation under
 * y_t ~ Bernoulli(sigmoid(scale · x_t[salientFeature(s_t)])).
 */
export function labelZScore(d: BenchmarkDataset, scale: number, salientFeature: (state: number) => number): number {
  const [N, T] = d.shape;
  const { stateAt, xAt } = stateReaders(d);
  let [ones, expected, variance] = [0, 0, 0];
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const p = 1 / (1 + Math.exp(-scale * xAt(n, t, salientFeature(stateAt(n, t)))));
      ones += d.timeLabels?.[n * T + t] ?? NaN;
      expected += p;
      variance += p * (1 - p);
    }
  }
  return (ones - expected) / Math.sqrt(variance);
}
