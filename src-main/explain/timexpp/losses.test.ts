import { describe, expect, it } from 'vitest';
import { Program, tensor, Tracer } from '../../engine';
import type { Traced } from '../../engine';
import { bernoulliPriorKl, connectivity, distributionKl, labelConsistency, referenceAlignment } from './losses';

/** Runs a scalar built from constants. */
async function value(build: (g: Tracer, c: (shape: number[], data: number[]) => Traced) => Traced): Promise<number> {
  const g = new Tracer();
  const y = build(g, (shape, data) => g.constant(tensor('float32', shape, Float32Array.from(data))));
  const { y: out } = await (await Program.compile({ y })).run({});
  return Number(out?.data[0]);
}

// The expected values below are the formulas of timexpp.md §2.7 evaluated by hand in plain JS.
describe('TimeX++ loss terms (timexpp.md §2.7)', () => {
  it('L_M: the mean over elements of the KL to Bern(r), with the code’s 1e-6 terms', async () => {
    const pi = [0.2, 0.5, 0.9, 0.7];
    for (const r of [0.5, 0.1]) {
      const expected =
        pi
          .map((p) => p * Math.log(p / r + 1e-6) + (1 - p) * Math.log((1 - p) / (1 - r + 1e-6) + 1e-6))
          .reduce((a, b) => a + b) / pi.length;
      expect(await value((_g, c) => bernoulliPriorKl(c([1, 2, 2], pi), r))).toBeCloseTo(expected, 6);
    }
    // r = 0.5: ln 2 − H(π) per element, 0 at π = ½.
    expect(await value((_g, c) => bernoulliPriorKl(c([1, 1, 1], [0.5]), 0.5))).toBeCloseTo(0, 5);
  });

  it('L_con: one Frobenius norm of the temporal differences over the batch, divided by B(T−1)D', async () => {
    // B = 2, T = 3, D = 1: differences (0.3, −0.2) and (0, 0.5).
    const pi = [0.1, 0.4, 0.2, 0.6, 0.6, 1.1];
    const diffs = [0.3, -0.2, 0, 0.5];
    const expected = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0)) / (2 * 2 * 1);
    expect(await value((_g, c) => connectivity(c([2, 3, 1], pi)))).toBeCloseTo(expected, 6);
  });

  it('L_LC: JSD of the class distributions with kl_div’s mean over B·C', async () => {
    const p = [
      [0.7, 0.2, 0.1],
      [0.1, 0.1, 0.8],
    ];
    const q = [
      [0.5, 0.25, 0.25],
      [0.3, 0.3, 0.4],
    ];
    let sum = 0;
    p.forEach((row, b) =>
      row.forEach((pc, c) => {
        const qc = q[b]?.[c] ?? 0;
        const m = (pc + qc) / 2;
        sum += 0.5 * m * (Math.log(m) - Math.log(pc)) + 0.5 * m * (Math.log(m) - Math.log(qc));
      }),
    );
    const log = (rows: number[][]): number[] => rows.flat().map(Math.log);
    const got = await value((_g, c) => labelConsistency(c([2, 3], log(p)), c([2, 3], log(q))));
    expect(got).toBeCloseTo(sum / 6, 6);
    expect(await value((_g, c) => labelConsistency(c([2, 3], log(p)), c([2, 3], log(p))))).toBeCloseTo(0, 6);
  });

  it('L_KL: the Gaussian KL to the batch-mean data parameters, averaged over the batch and coordinates', async () => {
    // B = 2 rows, 2 coordinates.
    const mu = [0.5, -1, 1.5, 0];
    const nu = [0.2, -0.4, 0.6, 0];
    const muT = [0, 1, 2, -1];
    const nuT = [0.1, 0.3, -0.2, 0.5];
    const muStar = [(0.5 + 1.5) / 2, (-1 + 0) / 2];
    const nuStar = [(0.2 + 0.6) / 2, (-0.4 + 0) / 2];
    let sum = 0;
    for (let i = 0; i < 4; i++) {
      const j = i % 2;
      const [ms = 0, ns = 0, mt = 0, nt = 0] = [muStar[j], nuStar[j], muT[i], nuT[i]];
      sum += ns - nt - 1 + (Math.exp(nt) + (mt - ms) ** 2) / Math.exp(ns);
    }
    const got = await value((_g, c) =>
      distributionKl({ mean: c([2, 2], muT), logVar: c([2, 2], nuT) }, { mean: c([2, 2], mu), logVar: c([2, 2], nu) }),
    );
    expect(got).toBeCloseTo((0.5 * sum) / 4, 5);
  });

  it('L_dr: the MSE between M⊙X + (1−M)⊙b and X̃', async () => {
    const x = [1, 2, 3];
    const m = [1, 0, 1];
    const b = [-1, 0.5, 4];
    const xt = [0.5, 1, 3.5];
    const expected = ((1 - 0.5) ** 2 + (0.5 - 1) ** 2 + (3 - 3.5) ** 2) / 3;
    const got = await value((_g, c) =>
      referenceAlignment(c([1, 3, 1], x), c([1, 3, 1], m), c([1, 3, 1], b), c([1, 3, 1], xt)),
    );
    expect(got).toBeCloseTo(expected, 6);
  });
});
