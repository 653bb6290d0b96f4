import { afterEach, describe, expect, it } from 'vitest';
import { NOMINAL_PX_PER_MM } from './paper';
import { calibrationFrom, isCalibrated, saveCalibration, savedPixelsPerMm } from './screen-calibration';

afterEach(() => localStorage.clear());

describe('screen calibration', () => {
  it('derives pixels per millimetre from a measured bar', () => {
    // A bar drawn 100 mm long at 3.78 px/mm measures 90 mm: the screen has 4.2 px/mm.
    expect(calibrationFrom(3.78, 100, 90)).toBeCloseTo(4.2);
    expect(calibrationFrom(3.78, 100, 0)).toBeNull();
    expect(calibrationFrom(3.78, 100, Number.NaN)).toBeNull();
  });

  it('remembers the measurement on this computer, and forgets it on request', () => {
    expect(isCalibrated()).toBe(false);
    expect(savedPixelsPerMm()).toBe(NOMINAL_PX_PER_MM);
    expect(saveCalibration(4.2)).toBe(4.2);
    expect(isCalibrated()).toBe(true);
    expect(savedPixelsPerMm()).toBe(4.2);
    expect(saveCalibration(null)).toBe(NOMINAL_PX_PER_MM);
    expect(isCalibrated()).toBe(false);
  });
});
