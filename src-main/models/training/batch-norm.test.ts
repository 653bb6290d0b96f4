import { describe, expect, it } from 'vitest';
import { fromNumbers, toNumbers } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { Program, Rng } from '../../engine/program';
import { Tracer } from '../../engine/trace';
import { batchNormInference, batchNormTraining, updateRunningStatistic } from './batch-norm';

const [B, T, C] = [5, 3, 4];
const rng = new Rng(21);
const x = rng.normal([B, C], { mean: 0.7, std: 2 });
const scale = rng.uniform([C], { low: 0.5, high: 1.5 });
const bias = rng.normal([C]);

/** Column `c` of a row-major [rows, C] array. */
function column(values: readonly number[], c: number): number[] {
  return values.filter((_, i) => i % C === c);
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const read = (t: Tensor | undefined): number[] => (t ? toNumbers(t) : []);

describe('batch normalisation written with primitives', () => {
  it('in training mode normalises by the batch mean and biased variance, and returns the unbiased variance', async () => {
    const g = new Tracer();
    const input = g.input('x', 'float32', [B, C]);
    const { y, statistics } = batchNormTraining(input, g.constant(scale), g.constant(bias), 1e-5);
    const out = await (await Program.compile({ y, ...statistics })).run({ x });

    const values = toNumbers(x);
    const [gamma, beta] = [toNumbers(scale), toNumbers(bias)];
    const expected = new Array<number>(B * C);
    for (let c = 0; c < C; c++) {
      const v = column(values, c);
      const mu = mean(v);
      const squares = v.reduce((s, value) => s + (value - mu) ** 2, 0);
      expect(read(out.mean)[c]).toBeCloseTo(mu, 5);
      expect(read(out.variance)[c]).toBeCloseTo(squares / (B - 1), 5);
      v.forEach((value, b) => {
        expected[b * C + c] = ((value - mu) / Math.sqrt(squares / B + 1e-5)) * (gamma[c] ?? 0) + (beta[c] ?? 0);
      });
    }
    read(out.y).forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? NaN, 5));
  });

  it('in inference mode normalises the last axis of [B, T, C] by the running statistics', async () => {
    const sequence = rng.normal([B, T, C], { std: 3 });
    const running = { mean: rng.normal([C]), variance: rng.uniform([C], { low: 0.2, high: 4 }) };
    const g = new Tracer();
    const input = g.input('x', 'float32', [B, T, C]);
    const y = batchNormInference(
      input,
      g.constant(scale),
      g.constant(bias),
      { mean: g.constant(running.mean), variance: g.constant(running.variance) },
      1e-3,
    );
    const out = await (await Program.compile({ y })).run({ x: sequence });
    expect(out.y?.shape).toEqual([B, T, C]);
    const [mu, variance, gamma, beta] = [running.mean, running.variance, scale, bias].map(toNumbers);
    read(out.y).forEach((value, i) => {
      const c = i % C;
      const source = Number(sequence.data[i]);
      const normalised = (source - (mu?.[c] ?? 0)) / Math.sqrt((variance?.[c] ?? 0) + 1e-3);
      expect(value).toBeCloseTo(normalised * (gamma?.[c] ?? 0) + (beta?.[c] ?? 0), 5);
    });
  });

  it('for Conv features [B, C, T] normalises each channel over the batch and time, in training and in inference', async () => {
    const features = rng.normal([B, C, T], { mean: -0.4, std: 1.5 });
    const g = new Tracer();
    const input = g.input('x', 'float32', [B, C, T]);
    const [gammaT, betaT] = [g.constant(scale), g.constant(bias)];
    const { y, statistics } = batchNormTraining(input, gammaT, betaT, 1e-5, 'channels-first');
    const frozen = batchNormInference(input, gammaT, betaT, statistics, 1e-5, 'channels-first');
    const out = await (await Program.compile({ y, frozen, ...statistics })).run({ x: features });

    const values = toNumbers(features);
    const [gamma, beta] = [toNumbers(scale), toNumbers(bias)];
    const at = (b: number, c: number, t: number): number => values[(b * C + c) * T + t] ?? NaN;
    for (let c = 0; c < C; c++) {
      const v = Array.from({ length: B * T }, (_, i) => at(Math.floor(i / T), c, i % T));
      const mu = mean(v);
      const squares = v.reduce((s, value) => s + (value - mu) ** 2, 0);
      expect(read(out.mean)[c]).toBeCloseTo(mu, 5);
      expect(read(out.variance)[c]).toBeCloseTo(squares / (B * T - 1), 5);
      for (let b = 0; b < B; b++) {
        for (let t = 0; t < T; t++) {
          const i = (b * C + c) * T + t;
          const normalised =
            ((at(b, c, t) - mu) / Math.sqrt(squares / (B * T) + 1e-5)) * (gamma[c] ?? 0) + (beta[c] ?? 0);
          expect(read(out.y)[i]).toBeCloseTo(normalised, 4);
          // Inference with the unbiased variance as the running one: ε aside, the same up to √((n − 1)/n).
          const unbiased =
            ((at(b, c, t) - mu) / Math.sqrt(squares / (B * T - 1) + 1e-5)) * (gamma[c] ?? 0) + (beta[c] ?? 0);
          expect(read(out.frozen)[i]).toBeCloseTo(unbiased, 4);
        }
      }
    }
  });

  it("moves a running statistic by PyTorch's rule: (1 − momentum)·running + momentum·batch", () => {
    const running = fromNumbers('float32', [3], [0, 1, -2]);
    const batch = fromNumbers('float32', [3], [2, 5, 0]);
    const next = updateRunningStatistic(running, batch, 0.1);
    expect(next.shape).toEqual([3]);
    [0.2, 1.4, -1.8].forEach((expected, i) => expect(next.data[i]).toBeCloseTo(expected, 6));
  });
});
