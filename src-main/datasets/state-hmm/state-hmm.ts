import type { BenchmarkDataset, BenchmarkSize, DatasetSplit } from '../benchmarks/benchmark-dataset';
import { stateSequenceDataset, type StateStep } from '../benchmarks/state-sequences';
import { SeededRandom } from '../ecg-synth/random';
import { bernoulli, bernoulliLogit } from '../seeded-draws/draws';
import { cholesky, multivariateNormal } from './gaussian';

/**
 * tint's `HMM` ("State"; contralsp-dynamask-extrmask.md §5.2, attribution_metrics.md §3): two
 * states, three features; in state s feature imp(s) decides the label and is correlated with
 * feature corr(s).
 */
export const HMM = {
  means: [
    [0.1, 1.6, 0.5],
    [-0.1, -0.4, -1.5],
  ],
  variance: 0.801,
  covariance: 0.01,
  importantFeature: [1, 2],
  correlatedFeature: [0, 0],
  /** P(state 1) for the state before t = 0. */
  initialStateOne: 0.5,
  /** From state 1 the chance of staying is 0.95 − Δ/500 (Δ = steps since the last switch). */
  stayInOne: 0.95,
  stayDecay: 1 / 500,
  /** From state 0 the chance of moving to state 1. */
  leaveZero: 0.05,
  /** y_t ~ Bernoulli(sigmoid(labelScale · x_t[imp(s_t)])) (Dynamask's factor 2). */
  labelScale: 2,
} as const;

/** Σ_s = variance·I, plus `covariance` between imp(s) and corr(s). */
export function hmmCovariance(state: number): number[][] {
  const [imp, corr] = [HMM.importantFeature[state] ?? 0, HMM.correlatedFeature[state] ?? 0];
  return HMM.means[0].map((_, i) =>
    HMM.means[0].map((_, j) => {
      if (i === j) return HMM.variance;
      return (i === imp && j === corr) || (i === corr && j === imp) ? HMM.covariance : 0;
    }),
  );
}

/** 800 training and 200 test series of length 200 (the paper tables explain the 200 test series). */
export const STATE_SPLITS: Record<BenchmarkSize, DatasetSplit> = {
  full: { train: 800, validation: 0, test: 200 },
  quick: { train: 40, validation: 0, test: 10 },
};
const TIMES = 200;

/** The test set is a fresh draw, independent of the training set. */
const STREAM = { train: 0, test: 1 } as const;

export function generateState(options: { seed: number; size: BenchmarkSize }): BenchmarkDataset {
  const split = STATE_SPLITS[options.size];
  const streams = [new SeededRandom(options.seed, STREAM.train), new SeededRandom(options.seed, STREAM.test)];
  const lowers = [cholesky(hmmCovariance(0)), cholesky(hmmCovariance(1))];
  return stateSequenceDataset({ name: 'state', seed: options.seed, size: options.size, split }, TIMES, 3, (n) => {
    const random = (n < split.train ? streams[0] : streams[1]) as SeededRandom;
    let previous = bernoulli(random, HMM.initialStateOne);
    let sinceSwitch = 0;
    return (): StateStep => {
      const p = previous === 1 ? HMM.stayInOne - sinceSwitch * HMM.stayDecay : HMM.leaveZero;
      const state = bernoulli(random, p);
      sinceSwitch = state === previous ? sinceSwitch + 1 : 0;
      previous = state;
      const x = multivariateNormal(random, HMM.means[state], lowers[state] ?? []);
      const salientFeature = HMM.importantFeature[state];
      return { state, x, label: bernoulliLogit(random, HMM.labelScale * (x[salientFeature] ?? 0)), salientFeature };
    };
  });
}
