import type { FitSummary } from './run-method';
import type { MetricName, MetricValues } from './dataset-metrics';
import type { MeanStd } from './reference-tables';

/** One method's results in one run. */
export interface MethodRun {
  /** The run's index (0-based; the data seed of the Rare and ECG sets). */
  readonly run: number;
  /** Its split (0-based): the black box and the explainer seed. */
  readonly split: number;
  readonly metrics: MetricValues;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  /** A fitted explainer at its selected epoch (TimeX++, TimeX). */
  readonly fit?: FitSummary;
}

/** One method over all runs, as the papers report it. */
export interface MethodSummary {
  readonly metrics: Readonly<Partial<Record<MetricName, MeanStd>>>;
  readonly seconds: MeanStd;
  readonly cpuSeconds: MeanStd;
  /** The highest peak of any run. */
  readonly peakRssMb: number;
  /** Each run as measured, so tables split over processes can be pooled. */
  readonly runs: readonly MethodRun[];
}

/** Mean and population standard deviation (numpy's default, ddof = 0, as the papers' ±). */
export function meanStd(values: readonly number[]): MeanStd {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

export function summarise(runs: readonly MethodRun[], names: readonly MetricName[]): MethodSummary {
  return {
    metrics: Object.fromEntries(names.map((name) => [name, meanStd(runs.map((r) => r.metrics[name] ?? NaN))])),
    seconds: meanStd(runs.map((r) => r.seconds)),
    cpuSeconds: meanStd(runs.map((r) => r.cpuSeconds)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    runs,
  };
}
