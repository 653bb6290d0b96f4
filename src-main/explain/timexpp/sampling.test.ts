import { describe, expect, it } from 'vitest';
import { gradients, Program, Rng, tensor, Tracer } from '../../engine';
import type { Tensor, Traced } from '../../engine';
import { gumbelDifference, sampleMask } from './sampling';

const PI = [0.05, 0.3, 0.5, 0.7, 0.95, 0.6];
const NOISE = [0.4, -1.2, 0.3, -0.9, -3.5, 0.1];

async function sample(straightThrough: boolean, tau: number): Promise<{ mask: number[]; grad: number[] }> {
  const g = new Tracer();
  const pi = g.param('pi', tensor('float32', [1, 6, 1], Float32Array.from(PI)));
  const noise = g.constant(tensor('float32', [1, 6, 1], Float32Array.from(NOISE)));
  const { mask } = sampleMask(pi, noise, { tau, straightThrough });
  const grad = gradients(mask.reduceSum(), [pi])[0] as Traced;
  const out = await (await Program.compile({ mask, grad })).run({ pi: g.params.get('pi') as Tensor });
  return { mask: Array.from(out.mask?.data ?? [], Number), grad: Array.from(out.grad?.data ?? [], Number) };
}

/** The relaxed sample and its derivative in π, from §2.6's formula evaluated in plain JS. */
function relaxed(p: number, n: number, tau: number): { logit: number; s: number; ds: number } {
  const logit = Math.log(p + 1e-9) - Math.log(1 - p + 1e-9) + n;
  const s = 1 / (1 + Math.exp(-logit / tau));
  return { logit, s, ds: ((s * (1 - s)) / tau) * (1 / (p + 1e-9) + 1 / (1 - p + 1e-9)) };
}

describe('TimeX++ Bernoulli sampling (timexpp.md §2.6)', () => {
  it('the straight-through mask is the hard sample forward and the soft sample’s gradient backward', async () => {
    for (const tau of [1, 0.5]) {
      const { mask, grad } = await sample(true, tau);
      PI.forEach((p, i) => {
        const r = relaxed(p, NOISE[i] ?? 0, tau);
        expect(mask[i]).toBe(r.logit > 0 ? 1 : 0);
        expect(grad[i]).toBeCloseTo(r.ds, 3);
      });
    }
  });

  it('w/o STE: the mask is the soft relaxation itself', async () => {
    const { mask, grad } = await sample(false, 1);
    PI.forEach((p, i) => {
      const r = relaxed(p, NOISE[i] ?? 0, 1);
      expect(mask[i]).toBeCloseTo(r.s, 6);
      expect(grad[i]).toBeCloseTo(r.ds, 3);
    });
    expect(mask.some((m) => m > 0 && m < 1)).toBe(true);
  });

  it('g₁ − g₀ of two Gumbel draws is Logistic(0, 1): mean 0, variance π²/3; seeded', () => {
    const draws = gumbelDifference(new Rng(3), [20000]).data as Float32Array;
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan((Math.PI ** 2 / 3) * 0.95);
    expect(variance).toBeLessThan((Math.PI ** 2 / 3) * 1.05);
    expect(gumbelDifference(new Rng(3), [20000]).data).toEqual(draws);
    // A hard sample with P(logit > 0) = π: the share of draws above −logit(π) is π.
    const p = 0.3;
    const threshold = -(Math.log(p) - Math.log(1 - p));
    expect(draws.filter((d) => d > threshold).length / draws.length).toBeCloseTo(p, 1);
  });
});
