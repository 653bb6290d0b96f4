import { describe, expect, it } from 'vitest';
import { colourAt, cssGradient, cssRgb, DIVERGING, emphasis, SEQUENTIAL } from './colour-maps';

describe('colour maps', () => {
  it('put white at zero of the diverging palette, blue at −1 and red at +1', () => {
    expect(colourAt(DIVERGING, 0)).toEqual([247, 247, 247]);
    expect(colourAt(DIVERGING, -1)).toEqual([33, 102, 172]);
    expect(colourAt(DIVERGING, 1)).toEqual([178, 24, 43]);
    expect(colourAt(DIVERGING, 5)).toEqual([178, 24, 43]);
  });

  it('interpolate linearly between stops', () => {
    // Sequential stops 0 and 1 of 6 spans: 1/12 is halfway between (255,255,217) and (199,233,180).
    expect(colourAt(SEQUENTIAL, 1 / 12)).toEqual([227, 244, 199]);
    expect(colourAt(SEQUENTIAL, -1)).toEqual([255, 255, 217]);
  });

  it('fade bands by distance from zero (diverging) or by value (sequential)', () => {
    expect(emphasis(DIVERGING, -0.5)).toBe(0.5);
    expect(emphasis(SEQUENTIAL, -0.5)).toBe(0);
    expect(emphasis(SEQUENTIAL, 2)).toBe(1);
  });

  it('write CSS colours and gradients', () => {
    expect(cssRgb([1, 2, 3])).toBe('rgb(1 2 3)');
    expect(cssRgb([1, 2, 3], 0.5)).toBe('rgb(1 2 3 / 0.5)');
    expect(cssGradient(SEQUENTIAL)).toMatch(/^linear-gradient\(to right, rgb\(255 255 217\), .*rgb\(12 44 132\)\)$/);
  });
});
