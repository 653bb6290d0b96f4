import { Rng, tensor, toNumbers } from '../engine';
import type { Tensor } from '../engine';
import { generateBenchmark } from '../datasets/benchmarks';
import type { BenchmarkSize } from '../datasets/benchmarks';
import { AppError } from '../errors';
import { timexppScores } from '../metrics';
import { argmax, forward } from './black-box';
import type { BlackBox } from './black-box';

/** TimeX++'s Table 1 numbers of a set of maps: trapezoid AUPRC, AUP and AUR, each a mean over samples. */
export interface TimexScores {
  readonly auprc: number;
  readonly aup: number;
  readonly aur: number;
}

/** One split of a TimeX++ synthetic set, ready to fit an explainer on and to score its test maps. */
export interface TimexSplit {
  readonly time: number;
  readonly features: number;
  /** [N, T, D] training windows: what an explainer is fitted on. */
  readonly train: Tensor;
  /** [N, T, D] test windows: what is explained and scored. */
  readonly test: Tensor;
  /** Samples scored (SeqComb leaves out class 0, whose truth is empty). */
  readonly samples: number;
  /** Scores maps of the test windows against their ground truth (per-sample min–max first). */
  readonly score: (maps: Tensor) => TimexScores;
  /** A uniform random map of the test windows, seeded by the split: the chance row. */
  readonly random: () => Tensor;
  /** The black box's accuracy on the test windows. */
  readonly accuracy: (box: BlackBox) => Promise<number>;
}

export function timexSplit(
  dataset: 'freqshapes' | 'seqcomb-uv' | 'seqcomb-mv' | 'lowvar',
  split: number,
  size: BenchmarkSize,
): TimexSplit {
  const data = generateBenchmark(dataset, { seed: split, size });
  const parts = data.split;
  const allLabels = data.labels;
  if (!parts || !allLabels) throw new AppError('internal', `${dataset} has no split or labels`);
  const [, time, features] = data.shape;
  const frame = time * features;
  const rows = (from: number, count: number): Tensor =>
    tensor('float32', [count, time, features], data.x.slice(from * frame, (from + count) * frame));
  const testStart = parts.train + parts.validation;
  const test = rows(testStart, parts.test);
  const truth = tensor(
    'float32',
    test.shape,
    Float32Array.from(data.truth.subarray(testStart * frame, (testStart + parts.test) * frame)),
  );
  const labels = Array.from(allLabels.subarray(testStart, testStart + parts.test));
  const samples = labels.flatMap((y, n) => (dataset.startsWith('seqcomb') && y === 0 ? [] : [n]));
  return {
    time,
    features,
    train: rows(0, parts.train),
    test,
    samples: samples.length,
    score: (maps) => {
      const s = timexppScores(maps, truth, { samples });
      return { auprc: s.auprc.mean, aup: s.aup.mean, aur: s.aur.mean };
    },
    random: () => new Rng(1000 + split).uniform(test.shape),
    accuracy: async (box) => {
      const logits = toNumbers(await forward(box, test));
      const classes = logits.length / parts.test;
      return labels.filter((y, n) => argmax(logits, n * classes, classes) === y).length / parts.test;
    },
  };
}
