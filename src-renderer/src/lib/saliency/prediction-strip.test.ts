import { describe, expect, it } from 'vitest';
import { classCounts, predictionCells } from './prediction-strip';

const verdict = (startSample: number, label: number | null, score: number | null = 0.9) => ({
  startSample,
  label,
  score,
});

describe('predictionCells', () => {
  it('puts each window in the column of its start, across the record', () => {
    const cells = predictionCells([verdict(0, 0), verdict(500, 1, 0.6)], 1000, 4);
    expect(cells).toEqual([
      { label: 0, score: 0.9, startSample: 0 },
      null,
      { label: 1, score: 0.6, startSample: 500 },
      null,
    ]);
  });

  it('shows the rarest class of the record where windows share a column, then the more probable', () => {
    const windows = [
      verdict(0, 0),
      verdict(10, 2, 0.7),
      verdict(20, 0),
      verdict(30, 0),
      verdict(40, 2, 0.95),
      verdict(50, 1, 0.5),
    ];
    // Column 0 holds windows 0–20 (N, V, N); column 1 holds 30–50 (N, V, S). S is rarest (1), then V (2).
    expect(predictionCells(windows, 60, 2)).toEqual([
      { label: 2, score: 0.7, startSample: 10 },
      { label: 1, score: 0.5, startSample: 50 },
    ]);
    expect(predictionCells([verdict(0, 2, 0.7), verdict(1, 2, 0.95)], 60, 2)[0]?.score).toBe(0.95);
  });

  it('leaves out regression windows, which have no class', () => {
    expect(predictionCells([verdict(0, null, null)], 10, 1)).toEqual([null]);
  });
});

describe('classCounts', () => {
  it('counts the windows per class name, most frequent first', () => {
    expect(classCounts([verdict(0, 2), verdict(1, 0), verdict(2, 0)], ['N', 'S', 'V'])).toBe('N ×2 · V ×1');
  });
});
