import { describe, expect, it } from 'vitest';
import { meanStd, summarise } from './aggregate';

describe('meanStd', () => {
  it('is the mean and the population (ddof 0) standard deviation', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, 32 / 8 = 4.
    const { mean, std } = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBe(5);
    expect(std).toBe(2);
  });

  it('gives std 0 for one run', () => {
    expect(meanStd([0.37])).toEqual({ mean: 0.37, std: 0 });
  });
});

describe('summarise', () => {
  it('averages each table metric and the times over runs and keeps the highest memory peak', () => {
    const runs = [
      { run: 0, split: 0, metrics: { AUP: 1, AUR: 0.5, I: 2 }, seconds: 3, cpuSeconds: 4, peakRssMb: 300 },
      { run: 1, split: 1, metrics: { AUP: 0, AUR: 0.7, I: 4 }, seconds: 5, cpuSeconds: 6, peakRssMb: 500 },
    ];
    const s = summarise(runs, ['AUP', 'AUR']);
    expect(s.metrics).toEqual({
      AUP: { mean: 0.5, std: 0.5 },
      AUR: { mean: 0.6, std: expect.closeTo(0.1, 12) as number },
    });
    expect(s.seconds).toEqual({ mean: 4, std: 1 });
    expect(s.cpuSeconds).toEqual({ mean: 5, std: 1 });
    expect(s.peakRssMb).toBe(500);
    expect(s.runs).toBe(runs);
  });
});
