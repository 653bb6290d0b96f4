import type { BenchmarkDataset, BenchmarkName, BenchmarkSize, DatasetSplit } from '../benchmarks/benchmark-dataset';
import { SeededRandom } from '../ecg-synth/random';

/** TimeX's protocol (timexpp.md §5): 5000 train, 100 validation and 1000 test samples, each split drawn on its own. */
export const TIMEX_SPLITS: Record<BenchmarkSize, DatasetSplit> = {
  full: { train: 5000, validation: 100, test: 1000 },
  quick: { train: 40, validation: 8, test: 20 },
};
const CLASSES = 4;

/** One generated sample: [T, D] row-major values and ground truth. */
export interface TimexSample {
  x: Float64Array;
  truth: Uint8Array;
}

export interface TimexSetSpec {
  name: BenchmarkName;
  times: number;
  features: number;
  classNames: readonly string[];
  sample: (random: SeededRandom, label: number) => TimexSample;
}

/**
 * A TimeX synthetic set: per split, ⌊n/4⌋ samples of each of classes 0–2 and the rest of class 3,
 * stored sorted by class; time stamps 1…T.
 */
export function timexDataset(spec: TimexSetSpec, options: { seed: number; size: BenchmarkSize }): BenchmarkDataset {
  const split = TIMEX_SPLITS[options.size];
  const parts = [split.train, split.validation, split.test];
  const samples = parts.reduce((a, b) => a + b, 0);
  const frame = spec.times * spec.features;
  const x = new Float32Array(samples * frame);
  const truth = new Uint8Array(samples * frame);
  const labels = new Int32Array(samples);
  let row = 0;
  parts.forEach((count, stream) => {
    const random = new SeededRandom(options.seed, stream);
    for (const label of balancedLabels(count)) {
      const sample = spec.sample(random, label);
      x.set(sample.x, row * frame);
      truth.set(sample.truth, row * frame);
      labels[row++] = label;
    }
  });
  return {
    name: spec.name,
    task: 'classification',
    seed: options.seed,
    size: options.size,
    shape: [samples, spec.times, spec.features],
    x,
    truth,
    labels,
    classNames: spec.classNames,
    split,
    times: Float32Array.from({ length: spec.times }, (_, t) => t + 1),
  };
}

/** ⌊n/4⌋ of each of classes 0–2, the remainder class 3, in class order. */
export function balancedLabels(count: number): number[] {
  const each = Math.floor(count / CLASSES);
  return Array.from({ length: count }, (_, i) =>
    each === 0 ? CLASSES - 1 : Math.min(Math.floor(i / each), CLASSES - 1),
  );
}
