import { describe, expect, it } from 'vitest';
import { trackOf, trackValue } from './saliency-track';
import { explanationMap } from './test-maps';

describe('trackOf', () => {
  it('lays windows side by side on the record axis, NaN in the gaps', () => {
    const track = trackOf(
      [
        explanationMap(2, 14, [
          [5, 6],
          [7, 8],
        ]),
        explanationMap(1, 10, [
          [1, 2],
          [3, 4],
        ]),
      ],
      360,
    );
    expect(track).toMatchObject({ startSample: 10, length: 6, channels: [0, 1], scale: 'signed', rateHz: 360 });
    expect(Array.from(track.values)).toEqual([1, 2, 3, 4, NaN, NaN, NaN, NaN, 5, 6, 7, 8]);
    expect(trackValue(track, 1, 15)).toBe(8);
    expect(trackValue(track, 1, 16)).toBeNaN();
    expect(trackValue(track, 2, 10)).toBeNaN();
  });

  it('averages overlapping windows', () => {
    const track = trackOf([explanationMap(1, 0, [[2], [4]]), explanationMap(2, 1, [[6], [8]])], 360);
    expect(Array.from(track.values)).toEqual([2, 5, 8]);
  });
});
