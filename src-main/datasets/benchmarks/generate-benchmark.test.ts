import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { BENCHMARK_NAMES, type BenchmarkName } from './benchmark-dataset';
import { generateBenchmark, type GenerateBenchmarkOptions } from './generate-benchmark';

/** The 'quick' sizes chosen for CI: fewer samples, the same T and F as 'full'. */
const QUICK_SHAPES: Record<Exclude<BenchmarkName, 'ecg-synth'>, [number, number, number]> = {
  'rare-time': [20, 50, 50],
  'rare-time-diffgroups': [20, 50, 50],
  'rare-observation': [20, 50, 50],
  'rare-observation-diffgroups': [20, 50, 50],
  state: [50, 200, 3],
  'switch-feature': [50, 100, 3],
  freqshapes: [68, 50, 1],
  'seqcomb-uv': [68, 200, 1],
  'seqcomb-mv': [68, 200, 4],
  lowvar: [68, 200, 2],
};

/** Element-wise equality (vitest's deep equality is slow on large typed arrays). */
function same(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);
}

describe('generateBenchmark', () => {
  it.each(BENCHMARK_NAMES)('%s: a consistent quick dataset, the same for a seed and different for another', (name) => {
    const d = generateBenchmark(name, { seed: 7, size: 'quick' });
    const [N, T, F] = d.shape;
    expect(d.name).toBe(name);
    expect(d.size).toBe('quick');
    expect(d.seed).toBe(7);
    if (name === 'ecg-synth') {
      expect([T, F]).toEqual([360, 2]);
      expect(N).toBeGreaterThan(60);
    } else {
      expect(d.shape).toEqual(QUICK_SHAPES[name]);
    }
    expect(d.x).toBeInstanceOf(Float32Array);
    expect(d.x).toHaveLength(N * T * F);
    expect(d.x.every(Number.isFinite)).toBe(true);
    expect(d.truth).toBeInstanceOf(Uint8Array);
    expect(d.truth).toHaveLength(N * T * F);
    expect(d.truth.every((v) => v === 0 || v === 1)).toBe(true);
    expect(d.truth.some((v) => v === 1)).toBe(true);
    expect(d.task).toBe(name.startsWith('rare-') ? 'white-box-regression' : 'classification');
    if (d.task === 'white-box-regression') expect(d.salient?.length).toBeGreaterThan(0);
    else expect(d.labels?.length ?? (d.timeLabels?.length ?? 0) / T).toBe(N);
    if (d.timeLabels) expect(d.timeLabels).toHaveLength(N * T);
    if (d.states) expect(d.states).toHaveLength(N * T);
    if (d.times) expect(d.times).toHaveLength(T);
    if (d.split) expect(d.split.train + d.split.validation + d.split.test).toBe(N);

    const again = generateBenchmark(name, { seed: 7, size: 'quick' });
    expect(same(again.x, d.x)).toBe(true);
    expect(same(again.truth, d.truth)).toBe(true);
    expect(same(again.labels, d.labels)).toBe(true);
    expect(same(again.timeLabels, d.timeLabels)).toBe(true);
    const other = generateBenchmark(name, { seed: 8, size: 'quick' });
    expect(same(other.x, d.x)).toBe(false);
  });

  it('generates the full size by default', () => {
    const d = generateBenchmark('rare-time', { seed: 0 });
    expect(d.size).toBe('full');
    expect(d.shape).toEqual([100, 50, 50]);
  });

  it('passes the salient-set choice to the Rare sets only', () => {
    const d = generateBenchmark('rare-observation', { seed: 1, size: 'quick', salientSet: 'torch-seed-42' });
    expect(d.salient?.[0]?.features).toEqual([42, 17, 30, 34, 20]);
    expect(() => generateBenchmark('state', { seed: 1, size: 'quick', salientSet: 'drawn' })).toThrow(/'salientSet'/);
    expect(() =>
      generateBenchmark('rare-time-diffgroups', { seed: 1, size: 'quick', salientSet: 'torch-seed-42' }),
    ).toThrow(/'salientSet'/);
  });

  it.each<[string, string, unknown]>([
    ['name', 'rare', { seed: 1 }],
    ['seed', 'state', { seed: -1 }],
    ['seed', 'state', { seed: 1.5 }],
    ['seed', 'state', { seed: 2 ** 32 }],
    ['size', 'state', { seed: 1, size: 'huge' }],
    ['salientSet', 'rare-time', { seed: 1, salientSet: 'torch' }],
  ])("rejects a bad '%s'", (option, name, options) => {
    const call = (): unknown => generateBenchmark(name as BenchmarkName, options as GenerateBenchmarkOptions);
    expect(call).toThrow(AppError);
    expect(call).toThrow(new RegExp(`'${option}'`));
  });
});
