import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/program';
import { kFoldSplits } from './seeded-order';

describe('k-fold splits', () => {
  it('hold out every row exactly once, in parts of sizes 3, 3, 2, 2 for 10 rows in 4 folds', () => {
    const folds = kFoldSplits(10, 4, new Rng(42));
    expect(folds.map((f) => f.validation.length)).toEqual([3, 3, 2, 2]);
    expect(folds.flatMap((f) => f.validation).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    for (const fold of folds) {
      expect([...fold.train, ...fold.validation].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
      expect(fold.train).toEqual([...fold.train].sort((a, b) => a - b));
      expect(fold.validation).toEqual([...fold.validation].sort((a, b) => a - b));
    }
  });

  it('shuffle before cutting (the held-out rows are not a block), the same for a seed', () => {
    const folds = kFoldSplits(800, 5, new Rng(42));
    expect(folds.map((f) => [f.train.length, f.validation.length])).toEqual(Array(5).fill([640, 160]));
    expect(folds[0]?.validation).not.toEqual([...Array(160).keys()]);
    expect(kFoldSplits(800, 5, new Rng(42))).toEqual(folds);
    expect(kFoldSplits(800, 5, new Rng(43))[0]?.validation).not.toEqual(folds[0]?.validation);
  });

  it('refuses more folds than rows', () => {
    expect(() => kFoldSplits(3, 4, new Rng(1))).toThrow('folds: expected a whole number from 2 to the 3 rows, got 4');
  });
});
