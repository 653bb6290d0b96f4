import { describe, expect, it } from 'vitest';
import { MIN_ROWS, rowAt, zoomAt } from './compare-zoom';

describe('zoomAt', () => {
  it('keeps the row under the pointer in place', () => {
    // Row 90 sits at 25 % of [0, 360); zoomed to 180 rows it must stay at 25 %: from 45.
    expect(zoomAt({ from: 0, to: 360 }, 0.5, 90, 360)).toEqual({ from: 45, to: 225 });
  });

  it('stays within the window and keeps a few rows', () => {
    expect(zoomAt({ from: 45, to: 225 }, 4, 200, 360)).toEqual({ from: 0, to: 360 });
    expect(zoomAt({ from: 0, to: 10 }, 0.1, 5, 360)).toEqual({ from: 1, to: 1 + MIN_ROWS });
  });
});

describe('rowAt', () => {
  it('maps a pixel to the row under it', () => {
    expect(rowAt({ from: 100, to: 200 }, 150, 600)).toBe(125);
  });
});
