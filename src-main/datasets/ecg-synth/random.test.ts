import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random';

function draws(random: SeededRandom, count: number): number[] {
  return Array.from({ length: count }, () => random.uniform());
}

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and stream, and changes it for another seed or stream', () => {
    const first = draws(new SeededRandom(42), 100);
    expect(draws(new SeededRandom(42), 100)).toEqual(first);
    expect(draws(new SeededRandom(43), 100)).not.toEqual(first);
    expect(draws(new SeededRandom(42, 1), 100)).not.toEqual(first);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const values = draws(new SeededRandom(7), 100_000);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // Standard errors: 0.0009 for the mean, 0.0003 for the variance.
    expect(mean).toBeCloseTo(0.5, 2);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.0015);
  });

  it('draws standard normal Gaussians', () => {
    const random = new SeededRandom(3);
    const values = Array.from({ length: 100_000 }, () => random.gaussian());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    const withinOneSigma = values.filter((v) => Math.abs(v) < 1).length / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(std - 1)).toBeLessThan(0.015);
    expect(withinOneSigma).toBeCloseTo(0.6827, 2);
  });

  it('draws within [low, high) with between()', () => {
    const random = new SeededRandom(5);
    const values = Array.from({ length: 1000 }, () => random.between(0.55, 0.7));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0.55);
    expect(Math.max(...values)).toBeLessThan(0.7);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.14);
  });
});
