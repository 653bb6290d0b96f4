import { describe, expect, it } from 'vitest';
import {
  gainLabel,
  millivoltsPerUnit,
  NOMINAL_PX_PER_MM,
  paperLines,
  pixelsPerMm,
  speedLabel,
  STANDARD_GAIN_MM_PER_MV,
  STANDARD_SPEED_MM_PER_SEC,
} from './paper';

describe('paper scale', () => {
  it('assumes 96 CSS pixels per inch until the screen is calibrated', () => {
    expect(pixelsPerMm(null)).toBeCloseTo(3.7795, 4);
    expect(pixelsPerMm(4.2)).toBe(4.2);
    expect(pixelsPerMm(0)).toBe(NOMINAL_PX_PER_MM);
    expect(pixelsPerMm(Number.NaN)).toBe(NOMINAL_PX_PER_MM);
  });

  it('puts 1 s on 25 mm and 1 mV on 10 mm at the standard settings', () => {
    const pxPerMm = 4;
    expect(STANDARD_SPEED_MM_PER_SEC * pxPerMm).toBe(100);
    expect(STANDARD_GAIN_MM_PER_MV * pxPerMm).toBe(40);
  });
});

describe('paperLines', () => {
  it('draws a line every millimetre and a heavy one every fifth', () => {
    const lines = paperLines(0, 40, 4);
    expect(lines.major).toEqual([0, 20, 40]);
    expect(lines.minor).toEqual([4, 8, 12, 16, 24, 28, 32, 36]);
  });

  it('keeps lines on whole millimetres of the paper as the window moves', () => {
    // 0.5 s into the record at 25 mm/s: the paper has moved 12.5 mm.
    const lines = paperLines(12.5, 40, 4);
    expect(lines.major).toEqual([10, 30]);
    expect(lines.minor[0]).toBe(2);
  });

  it('leaves out minor lines closer than 3 px, and all lines when even the major ones crowd', () => {
    const coarse = paperLines(0, 100, 2);
    expect(coarse.minor).toEqual([]);
    expect(coarse.major).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(paperLines(0, 100, 0.5)).toEqual({ minor: [], major: [] });
  });
});

describe('units and labels', () => {
  it('knows the voltages and nothing else', () => {
    expect(millivoltsPerUnit('mV')).toBe(1);
    expect(millivoltsPerUnit('uV')).toBe(0.001);
    expect(millivoltsPerUnit('µV')).toBe(0.001);
    expect(millivoltsPerUnit('V')).toBe(1000);
    expect(millivoltsPerUnit('mmHg')).toBeNull();
    expect(millivoltsPerUnit('')).toBeNull();
  });

  it('writes gains per millivolt for voltages and per unit otherwise', () => {
    expect(gainLabel(10, 'mV')).toBe('10 mm/mV');
    expect(gainLabel(0.02, 'uV')).toBe('20 mm/mV');
    expect(gainLabel(0.5, 'mmHg')).toBe('0.5 mm/mmHg');
    expect(gainLabel(2, '')).toBe('2 mm/unit');
  });

  it('writes speeds as ECG strips print them', () => {
    expect(speedLabel(25)).toBe('25 mm/s');
    expect(speedLabel(6.25)).toBe('6.25 mm/s');
    expect(speedLabel(400)).toBe('400 mm/s');
    expect(speedLabel(0.013888)).toBe('0.0139 mm/s');
  });
});
