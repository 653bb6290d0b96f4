import { describe, expect, it } from 'vitest';
import { Program, Rng, tensor, Tracer } from '../engine';
import { numbers } from '../engine/testing/fixtures';
import { chooseTriplets, tripletHinge } from './contralsp-triplet';

/** 12 counterfactuals [12, 2, 1] in two well-separated groups: rows 0–7 near 0, rows 8–11 near 10. */
function groups(): { x: Float32Array; near: number[] } {
  const near = [0.1, -0.2, 0.05, 0.3, -0.1, 0.0, 0.2, -0.3, 10.1, 9.9, 10.2, 9.8];
  const x = Float32Array.from(near.flatMap((v, i) => [v, v + (i % 2) * 0.01]));
  return { x, near };
}

describe("ContraLSP's intended triplet term", () => {
  it('anchors every sample; positives nearest its own centroid, negatives from the other cluster, K = ⌊n/5⌋ + 1', () => {
    const { x } = groups();
    const feeds = chooseTriplets(tensor('float32', [12, 2, 1], x), new Rng(1));
    const positives = numbers(feeds['triplet.positives']);
    const negatives = numbers(feeds['triplet.negatives']);
    numbers(feeds['triplet.anchors']).forEach((a) => expect(a).toBeCloseTo(1 / 12, 6));
    const row = (m: number[], i: number): number[] => m.slice(i * 12, (i + 1) * 12);
    const chosen = (values: number[]): number[] => values.flatMap((v, j) => (v > 0 ? [j] : []));
    // Cluster of 8: K⁺ = 2 (the two rows nearest its mean, 0.006…: rows 2 and 5), K⁻ = ⌊4/5⌋ + 1 = 1.
    expect(chosen(row(positives, 0))).toEqual([2, 5]);
    expect(chosen(row(positives, 2))).toEqual([0, 5].sort((a, b) => a - b));
    for (let i = 0; i < 8; i++) {
      expect(chosen(row(negatives, i))).toHaveLength(1);
      expect(chosen(row(negatives, i))[0]).toBeGreaterThanOrEqual(8);
      expect(row(positives, i).reduce((s, v) => s + v)).toBeCloseTo(1, 6);
    }
    // Cluster of 4: K⁺ = 1, K⁻ = ⌊8/5⌋ + 1 = 2 drawn from rows 0–7.
    for (let i = 8; i < 12; i++) {
      expect(chosen(row(positives, i))).toHaveLength(1);
      expect(chosen(row(positives, i))[0]).toBeGreaterThanOrEqual(8);
      expect(chosen(row(negatives, i)).every((j) => j < 8)).toBe(true);
      expect(row(negatives, i).filter((v) => v > 0)).toEqual([0.5, 0.5]);
    }
  });

  it('the hinge is the mean over anchors of max(0, D_an − D_ap − 1) on mean Manhattan distances (reversed in deletion)', async () => {
    const { x } = groups();
    const cf = tensor('float32', [12, 2, 1], x);
    const feeds = chooseTriplets(cf, new Rng(2));
    const expected = (deletion: boolean): number => {
      const distance = (i: number, j: number): number =>
        (Math.abs((x[2 * i] ?? 0) - (x[2 * j] ?? 0)) + Math.abs((x[2 * i + 1] ?? 0) - (x[2 * j + 1] ?? 0))) / 2;
      const [pos, neg, anchors] = ['positives', 'negatives', 'anchors'].map((k) => numbers(feeds[`triplet.${k}`]));
      let total = 0;
      for (let i = 0; i < 12; i++) {
        let [ap, an] = [0, 0];
        for (let j = 0; j < 12; j++) {
          ap += (pos?.[i * 12 + j] ?? 0) * distance(i, j);
          an += (neg?.[i * 12 + j] ?? 0) * distance(i, j);
        }
        const margin = an - ap - 1;
        total += (anchors?.[i] ?? 0) * Math.max(0, deletion ? -margin : margin);
      }
      return total;
    };
    for (const deletion of [false, true]) {
      const g = new Tracer();
      const hinge = tripletHinge(g, g.input('cf', 'float32', [12, 2, 1]), deletion);
      const out = await (await Program.compile({ hinge })).run({ cf, ...feeds });
      expect(numbers(out.hinge)[0]).toBeCloseTo(expected(deletion), 5);
    }
    expect(expected(false)).toBeGreaterThan(1);
  });
});
