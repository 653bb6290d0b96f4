import { describe, expect, it } from 'vitest';
import { fromNumbers } from '../../engine/ir';
import { timexppScores } from './timexpp-per-sample';

describe('TimeX++ per-sample metrics', () => {
  it('reproduces the spec’s test vector: labels (1,0,1,0), scores (0.5,0.5,1,0)', () => {
    const result = timexppScores(
      fromNumbers('float64', [1, 4, 1], [0.5, 0.5, 1, 0]),
      fromNumbers('float64', [1, 4, 1], [1, 0, 1, 0]),
    );
    // Expected numbers from timexpp.md §12 (the ε 1e-9 of the normaliser moves them by ~1e-9).
    expect(result.auprc.mean).toBeCloseTo(0.91667, 5);
    expect(result.averagePrecision.mean).toBeCloseTo(0.83333, 5);
    expect(result.aup.mean).toBeCloseTo(0.70833, 5);
    expect(result.aur.mean).toBeCloseTo(0.875, 5);
  });

  it('gives AP 0, AUP 0 and AUR ≈ 1 for a sample without salient entries', () => {
    const [sample] = timexppScores(
      fromNumbers('float64', [1, 3, 1], [0.2, 0.9, 0.4]),
      fromNumbers('float64', [1, 3, 1], [0, 0, 0]),
    ).perSample;
    expect(sample?.averagePrecision).toBe(0);
    expect(sample?.aup).toBe(0);
    expect(sample?.aur).toBeCloseTo(1, 8);
  });

  it('scores each sample on its own and averages, with the standard error std/√n', () => {
    // Sample 0 is ranked perfectly (AP 1); sample 1 puts its one salient entry last of three (AP 1/3).
    const attributions = fromNumbers('float64', [2, 3, 1], [3, 2, 1, 3, 2, 1]);
    const truth = fromNumbers('float64', [2, 3, 1], [1, 0, 0, 0, 0, 1]);
    const result = timexppScores(attributions, truth);
    expect(result.perSample.map((s) => s.averagePrecision)).toEqual([1, 1 / 3]);
    expect(result.averagePrecision.mean).toBeCloseTo(2 / 3, 12);
    expect(result.averagePrecision.standardError).toBeCloseTo(1 / 3 / Math.sqrt(2), 12);
    expect(timexppScores(attributions, truth, { samples: [1] }).averagePrecision.mean).toBeCloseTo(1 / 3, 12);
    expect(() => timexppScores(attributions, truth, { samples: [2] })).toThrow(/2 is not a sample index 0…1/);
  });
});
