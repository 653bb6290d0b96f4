import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { BenchmarkDataset } from '../benchmarks/benchmark-dataset';
import { goldenDatasets } from '../benchmarks/testing/golden-datasets';
import { generateRare, TORCH_SEED_42 } from './rare';

const golden = goldenDatasets().arma;

/** Per sample, the sorted salient times and features read back from the truth mask. */
function salientOf(d: BenchmarkDataset, n: number): { times: number[]; features: number[]; count: number } {
  const [, T, F] = d.shape;
  const times = new Set<number>();
  const features = new Set<number>();
  let count = 0;
  for (let t = 0; t < T; t++) {
    for (let f = 0; f < F; f++) {
      if (d.truth[(n * T + t) * F + f] === 1) {
        times.add(t);
        features.add(f);
        count++;
      }
    }
  }
  const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
  return { times: sorted(times), features: sorted(features), count };
}

/** How many samples' salient sets differ from `expected(n)`. */
function differing(d: BenchmarkDataset, expected: (n: number) => ReturnType<typeof salientOf>): number {
  let count = 0;
  for (let n = 0; n < d.shape[0]; n++) if (JSON.stringify(salientOf(d, n)) !== JSON.stringify(expected(n))) count++;
  return count;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const isWindow = (times: number[], length: number): boolean =>
  times.length === length && times.every((t, i) => t === (times[0] ?? 0) + i);

describe('Rare-Time and Rare-Observation (ContraLSP §5.1)', () => {
  it('are N = 100, T = 50, D = 50 at full size with 125 salient entries per sample, 12 500 in all', () => {
    for (const variant of [
      'rare-time',
      'rare-observation',
      'rare-time-diffgroups',
      'rare-observation-diffgroups',
    ] as const) {
      const d = generateRare(variant, { seed: 0, size: 'full' });
      expect(d.shape).toEqual([100, 50, 50]);
      expect(d.x).toHaveLength(250_000);
      expect(d.task).toBe('white-box-regression');
      expect(d.truth.reduce((s, v) => s + v, 0)).toBe(12_500);
      expect(Array.from({ length: 100 }, (_, n) => salientOf(d, n).count).every((c) => c === 125)).toBe(true);
    }
  });

  it('Rare-Time: one 5-step window starting in 0…44, features 12…36, shared by all samples', () => {
    const starts = new Set<number>();
    for (let seed = 0; seed < 25; seed++) {
      const d = generateRare('rare-time', { seed, size: 'quick' });
      const first = salientOf(d, 0);
      expect(isWindow(first.times, 5)).toBe(true);
      expect(first.features).toEqual(range(12, 37));
      expect(differing(d, () => first)).toBe(0);
      starts.add(first.times[0] ?? -1);
    }
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...starts)).toBeLessThanOrEqual(44);
    expect(starts.size).toBeGreaterThan(12);
  });

  it('Rare-Observation: 5 distinct features at times 12…36, shared by all samples', () => {
    const features = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const d = generateRare('rare-observation', { seed, size: 'quick' });
      const first = salientOf(d, 0);
      expect(first.times).toEqual(range(12, 37));
      expect(first.features).toHaveLength(5);
      expect(differing(d, () => first)).toBe(0);
      first.features.forEach((f) => features.add(f));
    }
    expect(Math.min(...features)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...features)).toBeLessThanOrEqual(49);
    expect(features.size).toBeGreaterThan(30);
  });

  it('Rare-Time diffgroups: first half features 0…24 in one window, second half 12…36 in another', () => {
    const d = generateRare('rare-time-diffgroups', { seed: 3, size: 'full' });
    const [first, second] = [salientOf(d, 0), salientOf(d, 50)];
    expect(isWindow(first.times, 5) && isWindow(second.times, 5)).toBe(true);
    expect(first.features).toEqual(range(0, 25));
    expect(second.features).toEqual(range(12, 37));
    expect(differing(d, (n) => (n < 50 ? first : second))).toBe(0);
    expect(d.salient?.map((b) => b.combine)).toEqual(['square-of-sum', 'sum-of-squares']);
  });

  it('Rare-Observation diffgroups: first half times 0…24, second half 12…36, five features each', () => {
    const d = generateRare('rare-observation-diffgroups', { seed: 3, size: 'full' });
    const [first, second] = [salientOf(d, 0), salientOf(d, 50)];
    expect(first.times).toEqual(range(0, 25));
    expect(second.times).toEqual(range(12, 37));
    expect(first.features).toHaveLength(5);
    expect(second.features).toHaveLength(5);
    expect(differing(d, (n) => (n < 50 ? first : second))).toBe(0);
  });

  it("offers torch's seed-42 salient sets from the golden file", () => {
    const features = golden['rare_feature_seed42_feature_indices(perm[:5])'];
    const start = golden.rare_time_seed42_t_rand;
    expect([...TORCH_SEED_42.rareObservationFeatures]).toEqual(features);
    expect(TORCH_SEED_42.rareTimeStart).toBe(start);
    const observation = generateRare('rare-observation', { seed: 42, size: 'quick', salientSet: 'torch-seed-42' });
    expect(salientOf(observation, 0).features).toEqual([...features].sort((a, b) => a - b));
    expect(salientOf(observation, 0).times).toEqual(range(...golden.rare_feature_time_range_half_open));
    const time = generateRare('rare-time', { seed: 42, size: 'quick', salientSet: 'torch-seed-42' });
    expect(salientOf(time, 0).times).toEqual(range(start, start + 5));
    expect(salientOf(time, 0).features).toEqual(range(...golden.rare_time_feature_range_half_open));
    expect(() =>
      generateRare('rare-time-diffgroups', { seed: 42, size: 'quick', salientSet: 'torch-seed-42' }),
    ).toThrow(AppError);
  });
});
