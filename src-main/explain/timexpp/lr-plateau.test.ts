import { describe, expect, it } from 'vitest';
import { ReduceLrOnPlateau } from './lr-plateau';

describe('ReduceLROnPlateau (mode max, factor 0.1, patience 5)', () => {
  it('cuts the rate after more than 5 epochs without a relative improvement, then counts again', () => {
    const schedule = new ReduceLrOnPlateau(1e-3);
    // −loss metrics: an improvement, then 6 epochs below it (the 6th exceeds the patience).
    const rates = [-0.5, -0.6, -0.55, -0.7, -0.51, -0.52, -0.6].map((m) => schedule.step(m));
    expect(rates.slice(0, 6)).toEqual([1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3]);
    expect(rates[6]).toBeCloseTo(1e-4, 12);
    // PyTorch's relative test a > best·(1 + 1e-5): a positive metric must beat the best by the
    // threshold, while a negative one (−loss) equal to the best already passes it.
    const positive = new ReduceLrOnPlateau(1e-3);
    expect([1, 1 + 5e-6, 1, 1, 1, 1, 1].map((m) => positive.step(m)).at(-1)).toBeCloseTo(1e-4, 12);
    const negative = new ReduceLrOnPlateau(1e-3);
    expect([-1, -1, -1, -1, -1, -1, -1].map((m) => negative.step(m)).at(-1)).toBe(1e-3);
  });

  it('does not go below the minimum rate', () => {
    const schedule = new ReduceLrOnPlateau(2e-8);
    for (let i = 0; i < 20; i++) schedule.step(-1);
    expect(schedule.lr).toBe(2e-8);
  });
});
