import { describe, expect, it } from 'vitest';
import { topKSegments } from './top-k-segments';

/** A [T, 2] map from two columns. */
function map(lead0: number[], lead1: number[]): { values: number[]; length: number; features: number } {
  return { values: lead0.flatMap((v, t) => [v, lead1[t] ?? 0]), length: lead0.length, features: 2 };
}

describe('topKSegments', () => {
  it('keeps entries at or above the k-th highest, as runs per lead ranked by their sum', () => {
    const m = map([0, 5, 6, 0, 0, 9, 0], [4, 0, 0, 0, 7, 7, 0]);
    // Sorted: 9, 7, 7, 6, 5, 4 → the 5th highest is 5.
    expect(topKSegments(m, { k: 5 })).toEqual([
      { rank: 1, feature: 1, start: 4, end: 6, score: 14, peak: 7 },
      { rank: 2, feature: 0, start: 1, end: 3, score: 11, peak: 6 },
      { rank: 3, feature: 0, start: 5, end: 6, score: 9, peak: 9 },
    ]);
  });

  it('merges runs of one lead separated by at most mergeGap rows', () => {
    const m = map([3, 0, 3, 0, 0, 3], [0, 0, 0, 0, 0, 0]);
    expect(topKSegments(m, { k: 3, mergeGap: 1 }).map((s) => [s.start, s.end, s.score])).toEqual([
      [0, 3, 6],
      [5, 6, 3],
    ]);
    expect(topKSegments(m, { k: 3, mergeGap: 2 }).map((s) => [s.start, s.end])).toEqual([[0, 6]]);
  });

  it('never counts zero, negative or missing entries as salient', () => {
    expect(topKSegments(map([-1, -2, NaN], [0, 0, 0]), { k: 2 })).toEqual([]);
    expect(topKSegments(map([1, -2, NaN], [0, 0, 0]), { k: 4 }).map((s) => [s.feature, s.start])).toEqual([[0, 0]]);
    expect(topKSegments(map([1], [1]), { k: 3 })).toEqual([]);
  });
});
