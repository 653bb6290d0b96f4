import { describe, expect, it } from 'vitest';
import { Random } from './prng';

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws uniform values in [0, 1) and normal values with the asked mean and spread', () => {
    const random = new Random(7);
    const uniforms = Array.from({ length: 20_000 }, () => random.next());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    expect(uniforms.reduce((a, b) => a + b, 0) / uniforms.length).toBeCloseTo(0.5, 2);
    const normals = Array.from({ length: 20_000 }, () => random.normal(10, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((a, b) => a + (b - mean) ** 2, 0) / normals.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('picks weighted entries in proportion and integers within both bounds', () => {
    const random = new Random(3);
    const picks = Array.from({ length: 10_000 }, () =>
      random.weighted([
        ['a', 1],
        ['b', 3],
      ] as const),
    );
    expect(picks.filter((p) => p === 'b').length / picks.length).toBeCloseTo(0.75, 1);
    const integers = new Set(Array.from({ length: 1000 }, () => random.integer(2, 4)));
    expect([...integers].sort()).toEqual([2, 3, 4]);
  });
});
