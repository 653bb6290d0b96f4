import { describe, expect, it } from 'vitest';
import { selectMasks, tintPl2Picks } from './dynamask-selection';

// E[a, i] for 3 areas (ascending) × 2 samples, area-major.
const errors = [0.5, 0.02, 0.04, 0.3, 0.001, 0.2];
const areas = [0.1, 0.2, 0.3];

describe('Dynamask area selection', () => {
  it('best: the smallest error per sample', () => {
    expect(selectMasks(errors, 2, { areas, selection: 'best', tolerance: 0 }, [])).toEqual([
      { area: 2, sample: 0 },
      { area: 0, sample: 1 },
    ]);
  });

  it('extremal: the smallest area under the tolerance, else the best', () => {
    expect(selectMasks(errors, 2, { areas, selection: 'extremal', tolerance: 0.05 }, [])).toEqual([
      { area: 1, sample: 0 },
      { area: 0, sample: 1 },
    ]);
    // Sample 0's tolerance 0.0001 is met by no area: its best; sample 1's 0.25 by area 0.
    expect(selectMasks(errors, 2, { areas, selection: 'extremal', tolerance: 'unperturbed' }, [0.0001, 0.25])).toEqual([
      { area: 2, sample: 0 },
      { area: 0, sample: 1 },
    ]);
  });

  it('dataset: one area for every sample, the smallest summed error', () => {
    // Sums 0.52, 0.34, 0.201.
    expect(selectMasks(errors, 2, { areas, selection: 'dataset', tolerance: 0 }, [])).toEqual([
      { area: 2, sample: 0 },
      { area: 2, sample: 1 },
    ]);
  });

  it("tint under Lightning 2: blocks of N rows in tint's batch-major layout", () => {
    // N = 6, K = 2, batch 4. Batch 0 holds rows 0–7: two copies of samples 0–3; batch 1 rows 8–11:
    // two copies of samples 4, 5. Block 0 = rows 0–5 = samples 0,1,2,3,0,1; block 1 = rows 6–11 =
    // samples 2,3,4,5,4,5.
    const perSample = [1, 1, 1, 1, 0, 0];
    expect(tintPl2Picks(perSample, 6, 2, 4)).toEqual({
      ratio: 1,
      picks: [2, 3, 4, 5, 4, 5].map((sample) => ({ area: 0, sample })),
    });
    // Block 0 sums 0 + 0 + 1 + 1 + 0 + 0 = 2 against block 1's 1 + 1 + 3 + 3 + 3 + 3.
    expect(tintPl2Picks([0, 0, 1, 1, 3, 3], 6, 2, 4)).toEqual({
      ratio: 0,
      picks: [0, 1, 2, 3, 0, 1].map((sample) => ({ area: 0, sample })),
    });
    // One batch holding every row: each block is the whole set in order, and the first wins the tie.
    expect(tintPl2Picks([3, 1, 2], 3, 2, 100).picks.map((p) => p.sample)).toEqual([0, 1, 2]);
  });
});
