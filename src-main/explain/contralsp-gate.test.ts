import { describe, expect, it } from 'vitest';
import { Program, Rng, Tracer } from '../engine';
import { numbers } from '../engine/testing/fixtures';
import { smoothGate, trendNetworks } from './contralsp-gate';

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(v: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(v));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.sign(v) * (1 - poly * Math.exp(-v * v));
}

describe("ContraLSP's gate", () => {
  it('τ runs one MLP per feature, Linear(T, 32) → ReLU → Linear(32, T), on that feature over time', async () => {
    const [rows, steps, features] = [2, 6, 3];
    const g = new Tracer();
    const net = trendNetworks(g, steps, features, new Rng(4));
    const trend = net.apply(g.input('x', 'float32', [rows, steps, features]));
    const x = new Rng(5).normal([rows, steps, features]);
    const out = numbers((await (await Program.compile({ trend })).run({ x })).trend);
    const [w1, b1, w2, b2] = net.params.map((p) => numbers(g.params.get(p.name))) as [
      number[],
      number[],
      number[],
      number[],
    ];
    const xs = numbers(x);
    for (let n = 0; n < rows; n++) {
      for (let d = 0; d < features; d++) {
        const hidden = Array.from({ length: 32 }, (_, j) => {
          let s = b1[d * 32 + j] ?? NaN;
          for (let t = 0; t < steps; t++)
            s += (xs[(n * steps + t) * features + d] ?? NaN) * (w1[(d * steps + t) * 32 + j] ?? NaN);
          return Math.max(0, s);
        });
        for (let t = 0; t < steps; t++) {
          let s = b2[d * steps + t] ?? NaN;
          hidden.forEach((h, j) => (s += h * (w2[(d * 32 + j) * steps + t] ?? NaN)));
          expect(out[(n * steps + t) * features + d]).toBeCloseTo(s, 5);
        }
      }
    }
  });

  it.each([
    ['sigmoid', (v: number, tau: number) => v / (1 + Math.exp(-v * tau))],
    ['cdf', (v: number, tau: number) => 0.5 * (v + v * erf(v * tau))],
    ['none', (v: number) => v],
  ] as const)('g(u; x) with the %s gate, v = u + 0.5', async (kind, formula) => {
    const g = new Tracer();
    const [u, tau] = [g.input('u', 'float32', [20]), g.input('tau', 'float32', [20])];
    const gate = smoothGate(kind, u, tau);
    const rng = new Rng(6);
    const feeds = { u: rng.normal([20]), tau: rng.normal([20], { std: 2 }) };
    const out = numbers((await (await Program.compile({ gate })).run(feeds)).gate);
    const [us, taus] = [numbers(feeds.u), numbers(feeds.tau)];
    out.forEach((v, i) => expect(v).toBeCloseTo(formula((us[i] ?? NaN) + 0.5, taus[i] ?? NaN), 5));
  });
});
