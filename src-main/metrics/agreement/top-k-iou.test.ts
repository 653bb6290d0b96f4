import { describe, expect, it } from 'vitest';
import { fromNumbers } from '../../engine/ir';
import { topKIou } from './top-k-iou';

const map = (values: number[]) => fromNumbers('float64', [1, values.length, 1], values);

describe('top-k IoU', () => {
  it('is 1 for identical maps and 0 for disjoint top sets', () => {
    const a = map([5, 4, 3, 2, 1, 0]);
    expect(topKIou(a, a, 0.5).value).toBe(1);
    expect(topKIou(a, map([0, 1, 2, 3, 4, 5]), 0.5).value).toBe(0);
  });

  it('counts the shared entries over the union', () => {
    // Top 2 of a: {0, 1}; top 2 of b: {1, 2}; shared 1 of a union of 3.
    expect(topKIou(map([9, 8, 1, 0]), map([0, 9, 8, 1]), 0.5).value).toBeCloseTo(1 / 3, 12);
  });

  it('averages over examples and rejects a fraction that selects nothing', () => {
    const a = fromNumbers('float64', [2, 2, 1], [1, 0, 1, 0]);
    const b = fromNumbers('float64', [2, 2, 1], [1, 0, 0, 1]);
    expect(topKIou(a, b, 0.5)).toEqual({ value: 0.5, perExample: [1, 0] });
    expect(() => topKIou(a, b, 0.1)).toThrow(/at least one of 2 entries/);
  });
});
