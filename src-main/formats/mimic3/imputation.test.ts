import { describe, expect, it } from 'vitest';
import { forwardFill, imputeWithStayMean, leftoverLabFill, type RawLabBlock } from './imputation';

const N = NaN;

describe('imputeWithStayMean', () => {
  it('fills empty bins with the mean of the non-empty bins', () => {
    const bins = new Float64Array([N, 2, N, 6, 7]);
    expect(imputeWithStayMean(bins)).toBe(true);
    expect(Array.from(bins)).toEqual([5, 2, 5, 6, 7]);
  });

  it('reports a series with no value at all and leaves it alone', () => {
    const bins = new Float64Array([N, N]);
    expect(imputeWithStayMean(bins)).toBe(false);
    expect(Array.from(bins)).toEqual([N, N]);
  });
});

describe('forwardFill', () => {
  it('carries values forward and the first value back to the start', () => {
    const bins = new Float64Array([N, N, 3, N, 5, N]);
    expect(forwardFill(bins)).toBe(true);
    expect(Array.from(bins)).toEqual([3, 3, 3, 3, 5, 5]);
  });
});

describe('leftoverLabFill', () => {
  // Two stays, 3 lab slots × 4 steps. Slot-major index p = slot × 4 + t.
  const stayA: RawLabBlock = {
    values: new Float64Array([1, N, 3, N, /* slot 1: rows, no bin */ N, N, N, N, /* never measured */ 0, 0, 0, 0]),
    observed: new Uint8Array([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  };
  const stayB: RawLabBlock = {
    values: new Float64Array([5, 5, 5, 5, 2, N, N, N, 0, 0, 0, 0]),
    observed: new Uint8Array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
  };

  it('as published, mixes slots and steps: column j averages the non-NaN entries with p ≡ j (mod 3)', () => {
    // column 0: A p0, p3, p6, p9 = 1, N, N, 0; B = 5, 5, N, 0 → (1 + 0 + 5 + 5 + 0) / 5
    // column 1: A p1, p4, p7, p10 = N, N, N, 0; B = 5, 2, N, 0 → (0 + 5 + 2 + 0) / 4
    // column 2: A p2, p5, p8, p11 = 3, N, 0, 0; B = 5, N, 0, 0 → (3 + 0 + 0 + 5 + 0 + 0) / 6
    const fill = leftoverLabFill([stayA, stayB], 3, 4, 'as-published');
    expect(fill[0]).toBeCloseTo(11 / 5, 12);
    expect(fill[1]).toBeCloseTo(7 / 4, 12);
    expect(fill[2]).toBeCloseTo(8 / 6, 12);
  });

  it('in the fixed mode, averages each lab over its measured bins only', () => {
    const fill = leftoverLabFill([stayA, stayB], 3, 4, 'fixed');
    expect(Array.from(fill)).toEqual([(1 + 3 + 5 * 4) / 6, 2, 0]);
  });
});
