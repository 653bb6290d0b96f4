import { describe, expect, it } from 'vitest';
import { truthRuns } from '../benchmarks/testing/truth-runs';
import { generateLowVar } from './lowvar';

const data = generateLowVar({ seed: 4, size: 'full' });
const [N, T, F] = data.shape;

describe('LowVar (timexpp.md §5.5)', () => {
  it('is 6100 samples of 200 steps × 2 channels with balanced classes', () => {
    expect(data.shape).toEqual([6100, 200, 2]);
    expect(data.split).toEqual({ train: 5000, validation: 100, test: 1000 });
    const labels = Array.from(data.labels ?? []);
    expect([0, 1, 2, 3].map((c) => labels.filter((l) => l === c).length)).toEqual([1525, 1525, 1525, 1525]);
  });

  it("plants one 10–19-step N(±1.5, 0.1²) segment starting in 20…159, in the class's channel, class 0 included", () => {
    const problems: string[] = [];
    let [sum, sumOfSquares, count] = [0, 0, 0];
    for (let n = 0; n < N; n++) {
      const label = data.labels?.[n] ?? NaN;
      const runs = truthRuns(data, n);
      const run = runs[0];
      if (runs.length !== 1 || !run) {
        problems.push(`${n}: ${runs.length} segments`);
        continue;
      }
      if (run.feature !== (label < 2 ? 0 : 1)) problems.push(`${n}: channel ${run.feature} for class ${label}`);
      if (run.length < 10 || run.length > 19) problems.push(`${n}: length ${run.length}`);
      if (run.start < 20 || run.start > 159) problems.push(`${n}: start ${run.start}`);
      const level = label % 2 === 0 ? -1.5 : 1.5;
      for (let t = run.start; t < run.start + run.length; t++) {
        const deviation = (data.x[(n * T + t) * F + run.feature] ?? NaN) - level;
        // 0.1-sd draws stay within 6 sd of the level.
        if (Math.abs(deviation) > 0.6) problems.push(`${n}: ${deviation} off the level at ${t}`);
        [sum, sumOfSquares, count] = [sum + deviation, sumOfSquares + deviation ** 2, count + 1];
      }
    }
    expect(problems).toEqual([]);
    // ≈ 88 000 segment values: sd 0.00034 for the mean, 0.00024 for the std.
    expect(Math.abs(sum / count)).toBeLessThan(0.0017);
    expect(Math.abs(Math.sqrt(sumOfSquares / count) - 0.1)).toBeLessThan(0.0012);
  });

  it('keeps NARMA + N(0, 1) elsewhere: mean ≈ 0.277, variance ≈ 1.01', () => {
    let [sum, sumOfSquares, count] = [0, 0, 0];
    data.truth.forEach((salient, i) => {
      if (salient === 1) return;
      const v = data.x[i] ?? NaN;
      [sum, sumOfSquares, count] = [sum + v, sumOfSquares + v * v, count + 1];
    });
    const mean = sum / count;
    const variance = sumOfSquares / count - mean ** 2;
    // 2.35 million values: sd 0.0007 for the mean, 0.0009 for the variance; the NARMA adds about 0.01.
    expect(Math.abs(mean - 0.2768)).toBeLessThan(0.005);
    expect(variance).toBeGreaterThan(1 - 0.005);
    expect(variance).toBeLessThan(1.02 + 0.005);
  });
});
