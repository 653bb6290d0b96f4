import { describe, expect, it } from 'vitest';
import { Program, tensor, Tracer } from '../../engine';
import type { Traced } from '../../engine';
import { behaviourConsistency, cosineSimilarities, labelConsistency, matchedLandmarks } from './losses';

/** Runs a graph built from constants and returns its output's values. */
async function values(build: (g: Tracer, c: (shape: number[], data: number[]) => Traced) => Traced): Promise<number[]> {
  const g = new Tracer();
  const y = build(g, (shape, data) => g.constant(tensor('float32', shape, Float32Array.from(data))));
  const { y: out } = await (await Program.compile({ y })).run({});
  return Array.from(out?.data ?? [], Number);
}

const cosine = (a: number[], b: number[]): number => {
  const dot = a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);
  return dot / Math.hypot(...a) / Math.hypot(...b);
};
// kl_div's direction: the KL runs from m to each distribution.
const js = (p: number[], q: number[]): number =>
  p.reduce((s, pi, c) => {
    const qi = q[c] ?? 0;
    const m = (pi + qi) / 2;
    return s + 0.5 * (m * Math.log(m / pi) + m * Math.log(m / qi));
  }, 0);

// The expected values are timexpp.md §8's formulas evaluated by hand in plain JS.
describe("TimeX's loss terms (timexpp.md §8)", () => {
  const za = [
    [1, 0, 2],
    [0.5, -1, 0],
    [2, 2, 1],
  ];
  const zb = [
    [1, 1, 2],
    [0.5, -1, 1],
    [-2, 2, 1],
  ];

  it('S(Z) is the matrix of cosine similarities between rows', async () => {
    const got = await values((_g, c) => cosineSimilarities(c([3, 3], za.flat())));
    za.forEach((a, i) => za.forEach((b, j) => expect(got[i * 3 + j]).toBeCloseTo(cosine(a, b), 6)));
  });

  it('L_MBC is the mean squared difference of the two similarity matrices, optionally over Var(S(z_f))', async () => {
    const sa = za.flatMap((a) => za.map((b) => cosine(a, b)));
    const sb = zb.flatMap((a) => zb.map((b) => cosine(a, b)));
    const mse = sa.reduce((s, v, i) => s + (v - (sb[i] ?? 0)) ** 2, 0) / sa.length;
    const mean = sa.reduce((s, v) => s + v, 0) / sa.length;
    const variance = sa.reduce((s, v) => s + (v - mean) ** 2, 0) / (sa.length - 1);
    const build = (normalize: boolean) => (_g: Tracer, c: (shape: number[], data: number[]) => Traced) =>
      behaviourConsistency(c([3, 3], za.flat()), c([3, 3], zb.flat()), normalize);
    expect((await values(build(false)))[0]).toBeCloseTo(mse, 6);
    expect((await values(build(true)))[0]).toBeCloseTo(mse / variance, 5);
  });

  it('L_LC as implemented: (JS(p̂_E) − JS(p̂_f))², each JS a mean over the pairs i < j and the classes', async () => {
    const pe = [
      [0.7, 0.2, 0.1],
      [0.1, 0.1, 0.8],
      [0.3, 0.4, 0.3],
    ];
    const pf = [
      [0.5, 0.25, 0.25],
      [0.2, 0.2, 0.6],
      [0.9, 0.05, 0.05],
    ];
    // kl_div(reduction='mean'): over the 3 pairs and the 3 classes.
    const meanJs = ([a = [], b = [], c = []]: number[][]): number => (js(a, b) + js(a, c) + js(b, c)) / (3 * 3);
    const expected = (meanJs(pe) - meanJs(pf)) ** 2;
    const got = await values((_g, c) =>
      labelConsistency(c([3, 3], pe.flat().map(Math.log)), c([3, 3], pf.flat().map(Math.log))),
    );
    expect(got[0]).toBeCloseTo(expected, 7);
    expect(expected).toBeGreaterThan(1e-5);
  });

  it('matches each embedding to its most similar landmark (hard, without noise), scale and all', async () => {
    const landmarks = [
      [0, 0, 3],
      [4, 4, 0],
      [1, -2, 0],
    ];
    // Row 0 is closest in angle to landmark 0, row 1 to landmark 2, row 2 to landmark 1.
    const got = await values((_g, c) =>
      matchedLandmarks(c([3, 3], za.flat()), c([3, 3], landmarks.flat()), c([3, 3], new Array<number>(9).fill(0)), 0.1),
    );
    expect(got).toEqual([landmarks[0], landmarks[2], landmarks[1]].flat());
  });
});
