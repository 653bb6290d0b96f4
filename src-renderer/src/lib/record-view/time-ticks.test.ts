import { describe, expect, it } from 'vitest';
import { tickDecimals, tickStep, timeTicks } from './time-ticks';

describe('time ticks', () => {
  it('chooses the finest round step that keeps labels apart', () => {
    expect(tickStep(94.5, 90)).toBe(1);
    expect(tickStep(378, 90)).toBe(0.5);
    // A whole day across 1000 px: every 3 hours.
    expect(tickStep(1000 / 86400, 90)).toBe(10800);
  });

  it('puts ticks on whole multiples of the step, at their pixel', () => {
    expect(timeTicks(9.5, 300, 100)).toEqual([
      { seconds: 10, x: 50 },
      { seconds: 11, x: 150 },
      { seconds: 12, x: 250 },
    ]);
  });

  it('labels sub-second steps with their decimals', () => {
    expect(tickDecimals(0.04)).toBe(2);
    expect(tickDecimals(0.2)).toBe(1);
    expect(tickDecimals(5)).toBe(0);
  });
});
