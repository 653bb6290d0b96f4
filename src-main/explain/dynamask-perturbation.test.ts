import { describe, expect, it } from 'vitest';
import { Program, Rng, Tracer } from '../engine';
import { numbers } from '../engine/testing/fixtures';
import { fadeToMean, gaussianBlur } from './dynamask-perturbation';

/** π_m(x) by the formulas of spec §3.1, over every source time (no window), in float64. */
function blurReference(x: number[], m: number[], steps: number, features: number, sigmaMax: number): number[] {
  const out = new Array<number>(x.length).fill(0);
  const rows = x.length / (steps * features);
  for (let b = 0; b < rows; b++) {
    for (let t = 0; t < steps; t++) {
      for (let d = 0; d < features; d++) {
        const at = (s: number): number => (b * steps + s) * features + d;
        const sigma = sigmaMax * (1 + 1e-7 - (m[at(t)] ?? 0));
        let num = 0;
        let den = 0;
        for (let s = 0; s < steps; s++) {
          const w = Math.exp(-((t - s) ** 2) / (2 * sigma * sigma));
          num += w * (x[at(s)] ?? 0);
          den += w;
        }
        out[at(t)] = num / den;
      }
    }
  }
  return out;
}

async function apply(
  perturb: ReturnType<typeof gaussianBlur>,
  shape: [number, number, number],
  seed: number,
): Promise<{ x: number[]; m: number[]; y: number[] }> {
  const rng = new Rng(seed);
  const x = rng.normal(shape);
  // Masks at both ends of [0, 1] as well as inside.
  const m = rng.uniform(shape, { low: -0.2, high: 1.2 });
  m.data.forEach((v, i) => (m.data[i] = Math.min(1, Math.max(0, Number(v)))));
  const g = new Tracer();
  const y = perturb(g.input('x', 'float32', shape), g.input('m', 'float32', shape));
  const out = await (await Program.compile({ y })).run({ x, m });
  return { x: numbers(x), m: numbers(m), y: numbers(out.y) };
}

describe('Dynamask perturbations', () => {
  it.each([
    ['every source in reach', [2, 7, 3], 2],
    ['a window narrower than the series', [2, 40, 2], 1],
    ['a single time step', [2, 1, 2], 2],
  ] as const)('Gaussian blur matches the full T×T formula (%s)', async (_, shape, sigmaMax) => {
    const { x, m, y } = await apply(gaussianBlur(sigmaMax), [...shape], 3);
    const expected = blurReference(x, m, shape[1], shape[2], sigmaMax);
    y.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
  });

  it('fade to the time mean keeps x where m = 1 and gives the mean where m = 0', async () => {
    const shape: [number, number, number] = [2, 5, 3];
    const { x, m, y } = await apply(fadeToMean, shape, 4);
    y.forEach((v, i) => {
      const b = Math.floor(i / 15);
      const d = i % 3;
      let mean = 0;
      for (let t = 0; t < 5; t++) mean += (x[b * 15 + t * 3 + d] ?? 0) / 5;
      expect(v).toBeCloseTo((m[i] ?? 0) * (x[i] ?? 0) + (1 - (m[i] ?? 0)) * mean, 5);
    });
  });
});
