import type { BenchmarkDataset, BenchmarkSize, DatasetSplit } from '../benchmarks/benchmark-dataset';
import { stateSequenceDataset, type StateStep } from '../benchmarks/state-sequences';
import { SeededRandom } from '../ecg-synth/random';
import { bernoulli, bernoulliLogit } from '../seeded-draws/draws';

/**
 * FIT's "simulated_data_l2x" (ContraLSP `switchgenerator.py`; contralsp-dynamask-extrmask.md
 * §5.3): three states, three features; in state s feature s decides the label.
 */
export const SWITCH = {
  /** The first state is 1 with probability 1/3, else 0 (never 2). */
  initialStateOne: 1 / 3,
  transitions: [
    [0.95, 0.02, 0.03],
    [0.02, 0.95, 0.03],
    [0.03, 0.02, 0.95],
  ],
  means: [
    [0.8, -0.5, -0.2],
    [0, -1.0, 0],
    [-0.2, -0.2, 0.8],
  ],
  /**
   * Each constant-state segment is a GP draw with an SE kernel of variance 0.1 and lengthscale
   * 0.2 on integer times: neighbours correlate by e^−12.5 ≈ 4e-6, so the draws are i.i.d. N(μ, 0.1).
   */
  variance: 0.1,
  /** y_t ~ Bernoulli(sigmoid(labelScale · x_t[s_t])). */
  labelScale: 3,
} as const;

/** 1000 series of length 100: the first 800 train, the last 200 test (the tables explain the test series). */
export const SWITCH_SPLITS: Record<BenchmarkSize, DatasetSplit> = {
  full: { train: 800, validation: 0, test: 200 },
  quick: { train: 40, validation: 0, test: 10 },
};
const TIMES = 100;

export function generateSwitchFeature(options: { seed: number; size: BenchmarkSize }): BenchmarkDataset {
  const split = SWITCH_SPLITS[options.size];
  // One generation for all series, split afterwards (the original seeds numpy once).
  const random = new SeededRandom(options.seed);
  const std = Math.sqrt(SWITCH.variance);
  const meta = { name: 'switch-feature', seed: options.seed, size: options.size, split } as const;
  return stateSequenceDataset(meta, TIMES, 3, () => {
    let state: number | undefined;
    return (): StateStep => {
      state = state === undefined ? bernoulli(random, SWITCH.initialStateOne) : nextState(random, state);
      const x = SWITCH.means[state as 0 | 1 | 2].map((mean) => mean + std * random.gaussian());
      return { state, x, label: bernoulliLogit(random, SWITCH.labelScale * (x[state] ?? 0)), salientFeature: state };
    };
  });
}

function nextState(random: SeededRandom, state: number): number {
  const row = SWITCH.transitions[state as 0 | 1 | 2];
  let draw = random.uniform();
  for (let next = 0; next < row.length - 1; next++) {
    draw -= row[next] ?? 0;
    if (draw < 0) return next;
  }
  return row.length - 1;
}
