import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../ecg-synth/random';
import { narma, narmaBackground, noisyBackground } from './narma';

describe('NARMA background (timexpp.md §5.2)', () => {
  it('runs y_k = 0.3·y_{k−1} + 1.5·u_{k−2}·u_k + 0.1 from y_{−1} = 0', () => {
    const y = narma([0.1, 0.2, 0.3, 0.4, 0.5]);
    // By hand: 1.5·0.1·0.3 + 0.1; 0.3·0.145 + 1.5·0.2·0.4 + 0.1; 0.3·0.2635 + 1.5·0.3·0.5 + 0.1.
    expect(Array.from(y)).toHaveLength(3);
    [0.145, 0.2635, 0.40405].forEach((v, k) => expect(y[k]).toBeCloseTo(v, 15));
  });

  it('starts at mean 0.194 and settles at 0.1938/0.7 ≈ 0.277, within [0.1, 0.68]', () => {
    const random = new SeededRandom(8);
    const [count, T] = [5000, 60];
    let [first, last, low, high] = [0, 0, Infinity, -Infinity];
    for (let i = 0; i < count; i++) {
      const y = narmaBackground(random, T);
      first += y[0] ?? NaN;
      last += y[T - 1] ?? NaN;
      low = Math.min(low, ...y);
      high = Math.max(high, ...y);
    }
    // E[y_0] = 1.5·E[u]² + 0.1 = 0.19375; sd of one y_0 is 0.083, of the mean 0.0012.
    expect(Math.abs(first / count - 0.19375)).toBeLessThan(0.006);
    expect(Math.abs(last / count - 0.19375 / 0.7)).toBeLessThan(0.006);
    // Bounds: y ≥ 0.1, and y ≤ (0.1 + 1.5·0.25) / 0.7.
    expect(low).toBeGreaterThanOrEqual(0.1);
    expect(high).toBeLessThanOrEqual(0.475 / 0.7);
  });

  it('adds Gaussian noise of the given σ to independent channels', () => {
    const [T, D, sigma] = [200, 50, 0.5];
    const x = noisyBackground(new SeededRandom(9), T, D, sigma);
    const channel = (f: number): number[] => Array.from({ length: T }, (_, t) => x[t * D + f] ?? NaN);
    expect(channel(0)).not.toEqual(channel(1));
    const values = Array.from(x);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    // σ² plus the NARMA's own variance (about 0.01); sd of the estimate 0.0035.
    expect(variance).toBeGreaterThan(sigma ** 2 - 0.018);
    expect(variance).toBeLessThan(sigma ** 2 + 0.02 + 0.018);
  });
});
