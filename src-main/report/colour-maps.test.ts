import { describe, expect, it } from 'vitest';
import { divergingColour, formatValue, saliencyColouring, sequentialColour } from './colour-maps';

// ColorBrewer's RdBu ends (#2166ac, #b2182b) and the dark end of Purples (#54278f).
describe('colour maps', () => {
  it('runs blue–white–red for signed values, white at 0, clamped beyond ±1', () => {
    expect([-1, 0, 1].map(divergingColour)).toEqual(['#2166ac', '#ffffff', '#b2182b']);
    expect([divergingColour(-3), divergingColour(3)]).toEqual(['#2166ac', '#b2182b']);
    expect(divergingColour(0.5)).toBe('#d98c95'); // halfway from white to #b2182b
  });

  it('runs white to purple for values that are never negative', () => {
    expect([0, 1, 2].map(sequentialColour)).toEqual(['#ffffff', '#54278f', '#54278f']);
  });

  it('normalises signed maps by |max| symmetrically and says so', () => {
    const colouring = saliencyColouring('signed', Float32Array.of(0.01, -0.031, 0.02));
    expect([colouring.low, colouring.high].map((v) => Number(v.toFixed(6)))).toEqual([-0.031, 0.031]);
    expect(colouring.legend).toBe('signed: |max| = 0.031 full colour (blue negative, red positive), 0 white');
    expect([colouring.colour(-0.031), colouring.colour(0.031), colouring.colour(NaN)]).toEqual([
      '#2166ac',
      '#b2182b',
      null,
    ]);
  });

  it('keeps masks on their fixed range [0, 1] and scales scores by their maximum', () => {
    const mask = saliencyColouring('unit-mask', Float32Array.of(0.1, 0.2));
    // 0.2 is drawn at the nearest of 32 steps, 6/32.
    expect([mask.low, mask.high, mask.colour(1), mask.colour(0.2)]).toEqual([0, 1, '#54278f', '#dfd7ea']);
    const scores = saliencyColouring('non-negative', Float32Array.of(0.1, 0.2));
    expect(scores.colour(0.2)).toBe('#54278f');
    expect(scores.legend).toBe('non-negative: max = 0.2 full colour, 0 white');
  });

  it('states values with three significant digits', () => {
    expect([0, 0.031234, 1234.5, 2.5e-7, -12].map(formatValue)).toEqual(['0', '0.0312', '1230', '2.50e-7', '-12']);
  });
});
