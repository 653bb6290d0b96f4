import { describe, expect, it } from 'vitest';
import { normaliseTrack, percentileOfMagnitude } from './normalise';
import type { SaliencyTrack } from './saliency-track';

function track(values: number[], scale: SaliencyTrack['scale']): SaliencyTrack {
  return {
    startSample: 0,
    rateHz: 360,
    length: values.length,
    channels: [0],
    values: Float32Array.from(values),
    scale,
  };
}

describe('normaliseTrack', () => {
  it('scales signed maps by the 98th percentile of |value|, clipping beyond it', () => {
    // 100 magnitudes 1…100: the 98th percentile (nearest rank) is 98.
    const values = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? i + 1 : -(i + 1)));
    const shown = normaliseTrack(track(values, 'signed'), 3);
    expect(shown.unit).toBe(98);
    expect(shown.diverging).toBe(true);
    expect(shown.values[0]).toBeCloseTo(1 / 98, 6);
    expect(shown.values[1]).toBeCloseTo(-2 / 98, 6);
    expect(shown.values[98]).toBe(1);
    expect(shown.values[99]).toBe(-1);
    expect(shown.legend).toBe(
      'signed; ±1 = 98th percentile of |attribution| over these 3 windows (98), clipped beyond',
    );
  });

  it('keeps non-negative maps in [0, 1] and masks as they are', () => {
    const scores = normaliseTrack(track([0, 2, 4, NaN], 'non-negative'), 1);
    expect(scores.diverging).toBe(false);
    expect(Array.from(scores.values)).toEqual([0, 0.5, 1, NaN]);
    expect(scores.legend).toContain('over this window (4.0)');
    const mask = normaliseTrack(track([0, 0.25, 1.5, -0.1], 'unit-mask'), 1);
    expect(Array.from(mask.values)).toEqual([0, 0.25, 1, 0]);
    expect(mask.legend).toBe('mask in [0, 1], shown as it is');
  });

  it('leaves a map of zeros at zero', () => {
    expect(Array.from(normaliseTrack(track([0, 0, NaN], 'signed'), 1).values)).toEqual([0, 0, NaN]);
  });
});

describe('percentileOfMagnitude', () => {
  it('ignores missing values and is 0 without any', () => {
    expect(percentileOfMagnitude(Float32Array.from([NaN, -3, 1]), 50)).toBe(1);
    expect(percentileOfMagnitude(Float32Array.from([NaN]), 98)).toBe(0);
  });
});
