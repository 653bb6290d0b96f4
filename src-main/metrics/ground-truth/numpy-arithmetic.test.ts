import { describe, expect, it } from 'vitest';
import { numpySum, roundingFor } from './numpy-arithmetic';

describe('numpy float32 summation', () => {
  const f32 = roundingFor('float32');

  // Expected values from numpy 2.4: np.full(1000, 0.1, np.float32).sum() and
  // (np.arange(300, dtype=np.float32) / np.float32(7)).sum(); a running float32 sum gives
  // 99.9990463256836 and 6407.14306640625 instead.
  it('adds in numpy’s pairwise order, block splits included', () => {
    expect(numpySum(new Float32Array(1000).fill(0.1), f32)).toBe(100.00001525878906);
    const sevenths = Float32Array.from({ length: 300 }, (_, i) => Math.fround(i / 7));
    expect(numpySum(sevenths, f32)).toBe(6407.142578125);
  });

  it('leaves float64 sums unrounded', () => {
    expect(numpySum([0.1, 0.2], roundingFor('float64'))).toBe(0.1 + 0.2);
  });
});
