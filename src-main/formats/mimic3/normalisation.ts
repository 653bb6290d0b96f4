/**
 * Per-feature z-score statistics pooled over the training stays and all their time steps
 * (formats.md §4.2). Both published conventions are kept because they differ:
 * time_interpret divides by torch's unbiased std + 1e-5 (a constant feature becomes 0), while
 * Dynamask/FIT divide by numpy's population std and only centre a constant feature.
 */
export interface Mimic3Normalisation {
  /** The statistics come from the first `trainCount` stays (the train pool). */
  trainCount: number;
  mean: Float64Array;
  /** ddof 0, numpy (Dynamask/FIT). */
  stdPopulation: Float64Array;
  /** ddof 1, torch (time_interpret). */
  stdSample: Float64Array;
}

export type NormalisationConvention = 'time_interpret' | 'fit';

const TIME_INTERPRET_EPSILON = 1e-5;

/** `values`: one feature-major `featureCount × steps` array per training stay. */
export function normalisationStatistics(
  values: readonly Float64Array[],
  featureCount: number,
  steps: number,
): Mimic3Normalisation {
  const mean = new Float64Array(featureCount);
  const squares = new Float64Array(featureCount);
  const n = values.length * steps;
  const eachValue = (visit: (feature: number, value: number) => void): void => {
    for (const stay of values) stay.forEach((value, index) => visit(Math.floor(index / steps), value));
  };
  eachValue((feature, value) => (mean[feature] = (mean[feature] ?? 0) + value));
  mean.forEach((sum, feature) => (mean[feature] = sum / n));
  eachValue((feature, value) => (squares[feature] = (squares[feature] ?? 0) + (value - (mean[feature] ?? 0)) ** 2));
  return {
    trainCount: values.length,
    mean,
    stdPopulation: squares.map((s) => Math.sqrt(s / n)),
    stdSample: squares.map((s) => (n > 1 ? Math.sqrt(s / (n - 1)) : NaN)),
  };
}

/**
 * A stay's feature-major values as a normalised, time-major `[steps, featureCount]` window,
 * the `[T, D]` layout the models take.
 */
export function normalisedWindow(
  values: Float64Array,
  statistics: Mimic3Normalisation,
  convention: NormalisationConvention,
): Float32Array {
  const featureCount = statistics.mean.length;
  const steps = values.length / featureCount;
  const window = new Float32Array(values.length);
  values.forEach((value, index) => {
    const feature = Math.floor(index / steps);
    const centred = value - (statistics.mean[feature] ?? 0);
    const std =
      convention === 'time_interpret'
        ? (statistics.stdSample[feature] ?? 0) + TIME_INTERPRET_EPSILON
        : statistics.stdPopulation[feature] || 1;
    window[(index % steps) * featureCount + feature] = centred / std;
  });
  return window;
}
