import { describe, expect, it } from 'vitest';
import type { SaliencyTrack } from './saliency-track';
import { rowSpanPx, STRIP_GAP_PX, STRIP_HEIGHT_PX, stripBands, stripColumns } from './strip-geometry';

/** 10 rows at 10 Hz from record sample 20 (2 s), two leads: lead 0 = row index, lead 1 = −row index. */
const track: SaliencyTrack = {
  startSample: 20,
  rateHz: 10,
  length: 10,
  channels: [3, 5],
  values: Float32Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? i / 2 : -(i - 1) / 2)),
  scale: 'signed',
};

describe('stripBands', () => {
  it('stacks the strips at the bottom of the lane, first strip highest', () => {
    const lane = { top: 100, height: 200 };
    const bands = stripBands(lane, 2);
    const pitch = STRIP_HEIGHT_PX + STRIP_GAP_PX;
    expect(bands).toEqual([
      { top: 300 - 2 * pitch, height: STRIP_HEIGHT_PX },
      { top: 300 - pitch, height: STRIP_HEIGHT_PX },
    ]);
  });

  it('thins the strips rather than let them take more than a third of a short lane', () => {
    const bands = stripBands({ top: 0, height: 30 }, 2);
    expect(bands.map((b) => b.height)).toEqual([5 - STRIP_GAP_PX, 5 - STRIP_GAP_PX]);
    expect((bands[1]?.top ?? 0) + (bands[1]?.height ?? 0)).toBe(30 - STRIP_GAP_PX);
    expect(stripBands({ top: 0, height: 30 }, 0)).toEqual([]);
  });
});

describe('stripColumns', () => {
  it('gives each pixel column the strongest sample under it, on the lanes’ time axis', () => {
    // 5 px per second = 2 rows per column; the track starts at 2 s, so at column 10 from 0 s.
    const columns = stripColumns(track.values, track, 1, { startSec: 0, pxPerSec: 5 }, 20);
    expect(Array.from(columns.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(Array.from(columns.subarray(10))).toEqual([-1, -3, -5, -7, -9, NaN, NaN, NaN, NaN, NaN]);
  });

  it('repeats a sample over the columns it spans when zoomed in', () => {
    // 20 px per second = half a row per column, starting at 2.5 s (row 5).
    const columns = stripColumns(track.values, track, 0, { startSec: 2.5, pxPerSec: 20 }, 12);
    expect(Array.from(columns)).toEqual([5, 5, 6, 6, 7, 7, 8, 8, 9, 9, NaN, NaN]);
  });
});

describe('rowSpanPx', () => {
  it('places rows on the same axis as the lanes', () => {
    const { x, width } = rowSpanPx(track, 2, 6, { startSec: 1, pxPerSec: 100 });
    // Row 2 is record sample 22, 2.2 s: 1.2 s right of the lanes' left edge.
    expect(x).toBeCloseTo(120, 9);
    expect(width).toBeCloseTo(40, 9);
  });
});
