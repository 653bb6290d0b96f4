import type { BenchmarkDataset, DatasetSplit } from './benchmark-dataset';

/** One time step of a hidden-state series: its state, observation, label and the one feature that decides the label. */
export interface StateStep {
  state: number;
  x: readonly number[];
  label: number;
  salientFeature: number;
}

/**
 * Assembles the State and Switch-Feature sets, whose ground truth is one feature per time step
 * (the state's label-deciding feature). `series(n)` starts series n and returns its step function,
 * called for t = 0…T−1 in order.
 */
export function stateSequenceDataset(
  meta: Pick<BenchmarkDataset, 'name' | 'seed' | 'size'> & { split: DatasetSplit },
  times: number,
  features: number,
  series: (n: number) => () => StateStep,
): BenchmarkDataset {
  const samples = meta.split.train + meta.split.validation + meta.split.test;
  const x = new Float32Array(samples * times * features);
  const truth = new Uint8Array(x.length);
  const states = new Int32Array(samples * times);
  const timeLabels = new Int32Array(samples * times);
  for (let n = 0; n < samples; n++) {
    const next = series(n);
    for (let t = 0; t < times; t++) {
      const step = next();
      const row = (n * times + t) * features;
      x.set(step.x, row);
      truth[row + step.salientFeature] = 1;
      states[n * times + t] = step.state;
      timeLabels[n * times + t] = step.label;
    }
  }
  return {
    ...meta,
    task: 'classification',
    shape: [samples, times, features],
    x,
    truth,
    states,
    timeLabels,
  };
}
