import { describe, expect, it } from 'vitest';
import { goldenDatasets } from '../benchmarks/testing/golden-datasets';
import { labelZScore, stateReaders, truthAgainstStates } from '../benchmarks/testing/state-checks';
import { cholesky } from './gaussian';
import { generateState, HMM, hmmCovariance } from './state-hmm';

const golden = goldenDatasets().hmm;
const data = generateState({ seed: 11, size: 'full' });
const [N, T] = data.shape;
const { stateAt, xAt } = stateReaders(data);
/** The state's important feature, imp(s) = s + 1. */
const important = (state: number): number => state + 1;

describe('State (2-state HMM, spec §5.2)', () => {
  it('uses the golden HMM parameters', () => {
    expect(HMM.means).toEqual(golden.mean_per_state);
    expect([hmmCovariance(0), hmmCovariance(1)]).toEqual(golden.cov_per_state);
    expect(HMM.importantFeature).toEqual(golden.imp_feature);
    expect(HMM.correlatedFeature).toEqual(golden.corr_feature);
    expect([HMM.initialStateOne]).toEqual(golden.p0);
  });

  it('is 800 train + 200 test series of 200 steps × 3 features at full size', () => {
    expect(data.shape).toEqual([
      golden.defaults.train_size + golden.defaults.test_size,
      golden.defaults.signal_length,
      3,
    ]);
    expect(data.split).toEqual({ train: 800, validation: 0, test: 200 });
    expect(data.task).toBe('classification');
    expect(data.timeLabels).toHaveLength(N * T);
    expect(data.states).toHaveLength(N * T);
  });

  it('marks exactly feature s_t + 1 at every step: 200 per series, 40 000 in the test set', () => {
    const { mismatches, testTotal } = truthAgainstStates(data, important);
    expect(mismatches).toBe(0);
    expect(testTotal).toBe(40_000);
  });

  it('emits N(μ_s, Σ_s) in each state', () => {
    for (const s of [0, 1]) {
      const sums = [0, 0, 0];
      const products = [0, 1, 2].map(() => [0, 0, 0]);
      let count = 0;
      for (let n = 0; n < N; n++) {
        for (let t = 0; t < T; t++) {
          if (stateAt(n, t) !== s) continue;
          count++;
          for (let i = 0; i < 3; i++) {
            sums[i] = (sums[i] ?? 0) + xAt(n, t, i);
            for (let j = 0; j < 3; j++)
              (products[i] as number[])[j] = (products[i]?.[j] ?? 0) + xAt(n, t, i) * xAt(n, t, j);
          }
        }
      }
      expect(count).toBeGreaterThan(40_000);
      const mean = sums.map((sum) => sum / count);
      const cov = products.map((row, i) => row.map((p, j) => p / count - (mean[i] ?? NaN) * (mean[j] ?? NaN)));
      // ≥ 40 000 draws: sd ≤ 0.0045 for a mean, ≤ 0.0057 for a variance, ≤ 0.0045 for a covariance.
      mean.forEach((m, f) => expect(Math.abs(m - (golden.mean_per_state[s]?.[f] ?? NaN))).toBeLessThan(0.023));
      cov.forEach((row, i) =>
        row.forEach((c, j) => expect(Math.abs(c - (golden.cov_per_state[s]?.[i]?.[j] ?? NaN))).toBeLessThan(0.029)),
      );
    }
  });

  it('factors Σ_s exactly for the emissions', () => {
    for (const s of [0, 1]) {
      const l = cholesky(hmmCovariance(s));
      const product = [0, 1, 2].map((i) =>
        [0, 1, 2].map((j) => [0, 1, 2].reduce((sum, k) => sum + (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0), 0)),
      );
      product.forEach((row, i) =>
        row.forEach((v, j) => expect(v).toBeCloseTo(golden.cov_per_state[s]?.[i]?.[j] ?? NaN, 12)),
      );
    }
  });

  it('leaves state 0 with probability 0.05 and stays in state 1 with probability 0.95 − Δ/500', () => {
    let [fromZero, leftZero] = [0, 0];
    // State-1 steps whose Δ is known (after the series' first switch), binned by Δ.
    const bins = [
      { max: 10, count: 0, stays: 0, expected: 0, variance: 0 },
      { max: 30, count: 0, stays: 0, expected: 0, variance: 0 },
      { max: Infinity, count: 0, stays: 0, expected: 0, variance: 0 },
    ];
    for (let n = 0; n < N; n++) {
      let sinceSwitch: number | null = null;
      for (let t = 1; t < T; t++) {
        const [previous, current] = [stateAt(n, t - 1), stateAt(n, t)];
        if (previous === 0) {
          fromZero++;
          leftZero += current;
        } else if (sinceSwitch !== null) {
          const p = 0.95 - sinceSwitch / 500;
          const bin = bins.find((b) => sinceSwitch !== null && sinceSwitch < b.max);
          if (bin) {
            bin.count++;
            bin.stays += current;
            bin.expected += p;
            bin.variance += p * (1 - p);
          }
        }
        if (current !== previous) sinceSwitch = 0;
        else if (sinceSwitch !== null) sinceSwitch++;
      }
    }
    // sd of the rate: sqrt(0.05 · 0.95 / fromZero) < 0.001.
    expect(Math.abs(leftZero / fromZero - 0.05)).toBeLessThan(5 * Math.sqrt(0.0475 / fromZero));
    for (const bin of bins) {
      expect(bin.count).toBeGreaterThan(2000);
      expect(Math.abs(bin.stays - bin.expected)).toBeLessThan(5 * Math.sqrt(bin.variance));
    }
    // Without the decay (a constant 0.95) the stays would be far more than observed.
    const [count, stays, variance] = ['count', 'stays', 'variance'].map((k) =>
      bins.reduce((sum, b) => sum + b[k as 'count' | 'stays' | 'variance'], 0),
    ) as [number, number, number];
    expect(0.95 * count - stays).toBeGreaterThan(10 * Math.sqrt(variance));
  });

  it('draws y_t ~ Bernoulli(sigmoid(2·x_t[imp(s_t)]))', () => {
    expect(Math.abs(labelZScore(data, 2, important))).toBeLessThan(5);
  });
});
