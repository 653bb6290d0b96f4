import { describe, expect, it } from 'vitest';
import { fromNumbers } from '../../engine/ir';
import { averageRanks, spearmanCorrelation } from './spearman';

const map = (values: number[]) => fromNumbers('float64', [1, values.length, 1], values);

describe('Spearman rank correlation', () => {
  it('is 1 for identical orderings and −1 for reversed ones', () => {
    const a = map([0.1, 0.5, 0.2, 0.9]);
    expect(spearmanCorrelation(a, map([1, 5, 2, 9])).value).toBeCloseTo(1, 12);
    expect(spearmanCorrelation(a, map([-1, -5, -2, -9])).value).toBeCloseTo(-1, 12);
  });

  it('gives tied values their average rank', () => {
    expect(Array.from(averageRanks([3, 1, 3, 2, 3], 0, 5))).toEqual([4, 1, 4, 2, 4]);
    // Ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): Σdx·dy = 4.5, Σdx² = 4.5, Σdy² = 5.
    expect(spearmanCorrelation(map([1, 2, 2, 3]), map([1, 2, 3, 4])).value).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
  });

  it('is NaN for a constant map', () => {
    expect(spearmanCorrelation(map([1, 1, 1]), map([1, 2, 3])).value).toBeNaN();
  });
});
