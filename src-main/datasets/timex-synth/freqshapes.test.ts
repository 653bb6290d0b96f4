import { describe, expect, it } from 'vitest';
import { splitRows, truthRuns } from '../benchmarks/testing/truth-runs';
import { generateFreqShapes } from './freqshapes';

const data = generateFreqShapes({ seed: 1, size: 'full' });
const [N, T] = data.shape;
const labelOf = (n: number): number => data.labels?.[n] ?? NaN;
const PERIOD = [10, 10, 17, 17];
const SIGN = [-1, 1, -1, 1];

describe('FreqShapes (timexpp.md §5.1)', () => {
  it('is 5000 + 100 + 1000 univariate samples of 50 steps, classes balanced and sorted per split', () => {
    expect(data.shape).toEqual([6100, 50, 1]);
    expect(data.split).toEqual({ train: 5000, validation: 100, test: 1000 });
    expect(Array.from(data.times ?? [])).toEqual(Array.from({ length: 50 }, (_, t) => t + 1));
    for (const [from, to] of Object.values(splitRows(data))) {
      const labels = Array.from(data.labels?.subarray(from, to) ?? []);
      const each = Math.floor((to - from) / 4);
      expect([0, 1, 2, 3].map((c) => labels.filter((l) => l === c).length)).toEqual([
        each,
        each,
        each,
        to - from - 3 * each,
      ]);
      expect(labels.every((l, i) => i === 0 || l >= (labels[i - 1] ?? 0))).toBe(true);
    }
  });

  it("plants 3-step spikes at every valid centre s, s + period, … of the class's period", () => {
    let failures = 0;
    for (let n = 0; n < N; n++) {
      const period = PERIOD[labelOf(n)] ?? NaN;
      const runs = truthRuns(data, n);
      // Spikes never touch (period ≥ 10), so every run is one spike of 3 points.
      const centres = runs.map((r) => r.start + 1);
      const first = centres[0] ?? NaN;
      const last = centres[centres.length - 1] ?? NaN;
      const ok =
        runs.every((r) => r.length === 3) &&
        centres.every((c, i) => i === 0 || c - (centres[i - 1] ?? NaN) === period) &&
        // s ∈ 0…T − period − 1; a spike at s = 0 does not fit, so the first kept centre may be `period`.
        ((first >= 1 && first <= T - period - 1) || first === period) &&
        last + period > T - 2;
      if (!ok) failures++;
    }
    expect(failures).toBe(0);
    const points = Array.from({ length: N }, (_, n) => truthRuns(data, n).length * 3);
    expect(Math.min(...points)).toBe(3);
    expect(Math.max(...points)).toBe(15);
  });

  it('sets the spikes to ±(1.75, 2, 1.75) and adds N(0, 0.25²) noise everywhere', () => {
    const residuals: number[] = [];
    for (let n = 0; n < N; n++) {
      const planted = new Float64Array(T);
      for (const run of truthRuns(data, n)) {
        [1.75, 2, 1.75].forEach((v, k) => (planted[run.start + k] = (SIGN[labelOf(n)] ?? NaN) * v));
      }
      for (let t = 0; t < T; t++) residuals.push((data.x[n * T + t] ?? NaN) - (planted[t] ?? 0));
    }
    const mean = residuals.reduce((s, v) => s + v, 0) / residuals.length;
    const std = Math.sqrt(residuals.reduce((s, v) => s + (v - mean) ** 2, 0) / residuals.length);
    // 305 000 residuals: sd 0.00045 for the mean, 0.0003 for the std.
    expect(Math.abs(mean)).toBeLessThan(0.0025);
    expect(Math.abs(std - 0.25)).toBeLessThan(0.0016);
  });
});
