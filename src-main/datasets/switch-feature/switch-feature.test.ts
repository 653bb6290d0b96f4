import { describe, expect, it } from 'vitest';
import { labelZScore, stateReaders, truthAgainstStates } from '../benchmarks/testing/state-checks';
import { generateSwitchFeature, SWITCH } from './switch-feature';

const data = generateSwitchFeature({ seed: 234, size: 'full' });
const [N, T] = data.shape;
const { stateAt, xAt } = stateReaders(data);
/** State s makes feature s salient. */
const important = (state: number): number => state;

describe('Switch-Feature (spec §5.3)', () => {
  it('is 800 train + 200 test series of 100 steps × 3 features at full size', () => {
    expect(data.shape).toEqual([1000, 100, 3]);
    expect(data.split).toEqual({ train: 800, validation: 0, test: 200 });
    expect(data.task).toBe('classification');
  });

  it('marks exactly feature s_t at every step: 100 per series, 20 000 in the test set', () => {
    const { mismatches, testTotal } = truthAgainstStates(data, important);
    expect(mismatches).toBe(0);
    expect(testTotal).toBe(20_000);
  });

  it('starts in state 1 with probability 1/3, else 0, never 2', () => {
    const first = Array.from({ length: N }, (_, n) => stateAt(n, 0));
    expect(first.every((s) => s === 0 || s === 1)).toBe(true);
    const ones = first.filter((s) => s === 1).length;
    // Binomial(1000, 1/3): sd 14.9.
    expect(Math.abs(ones - N / 3)).toBeLessThan(5 * 14.9);
  });

  it('switches states by the transition matrix', () => {
    const counts = [0, 1, 2].map(() => [0, 0, 0]);
    for (let n = 0; n < N; n++) {
      for (let t = 1; t < T; t++) {
        const row = counts[stateAt(n, t - 1)] as number[];
        row[stateAt(n, t)] = (row[stateAt(n, t)] ?? 0) + 1;
      }
    }
    const expected = [
      [0.95, 0.02, 0.03],
      [0.02, 0.95, 0.03],
      [0.03, 0.02, 0.95],
    ];
    counts.forEach((row, from) => {
      const total = row.reduce((s, v) => s + v, 0);
      expect(total).toBeGreaterThan(10_000);
      row.forEach((count, to) => {
        const p = expected[from]?.[to] ?? NaN;
        expect(Math.abs(count / total - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / total));
      });
    });
  });

  it('emits i.i.d. N(μ_s[d], 0.1) per feature', () => {
    const means = [
      [0.8, -0.5, -0.2],
      [0, -1.0, 0],
      [-0.2, -0.2, 0.8],
    ];
    expect(SWITCH.means).toEqual(means);
    for (const s of [0, 1, 2]) {
      for (const f of [0, 1, 2]) {
        const values: number[] = [];
        let lagProduct = 0;
        for (let n = 0; n < N; n++) {
          for (let t = 0; t < T; t++) {
            if (stateAt(n, t) !== s) continue;
            const centred = xAt(n, t, f) - (means[s]?.[f] ?? NaN);
            values.push(centred);
            if (t > 0 && stateAt(n, t - 1) === s) lagProduct += centred * (xAt(n, t - 1, f) - (means[s]?.[f] ?? NaN));
          }
        }
        const mean = values.reduce((a, v) => a + v, 0) / values.length;
        const variance = values.reduce((a, v) => a + v * v, 0) / values.length;
        // ≥ 15 000 draws per state: sd ≤ 0.0026 for the mean, ≤ 0.0012 for the variance.
        expect(values.length).toBeGreaterThan(15_000);
        expect(Math.abs(mean)).toBeLessThan(0.013);
        expect(Math.abs(variance - 0.1)).toBeLessThan(0.006);
        // Neighbours within a segment are uncorrelated (sd of the mean lag product ≈ 0.1/√n).
        expect(Math.abs(lagProduct / values.length)).toBeLessThan(0.005);
      }
    }
  });

  it('draws y_t ~ Bernoulli(sigmoid(3·x_t[s_t]))', () => {
    expect(Math.abs(labelZScore(data, 3, important))).toBeLessThan(5);
  });
});
