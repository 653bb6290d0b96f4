import { describe, expect, it } from 'vitest';
import { balancedLabels } from './timex-dataset';

describe('TimeX split protocol', () => {
  it('puts ⌊n/4⌋ samples in each of classes 0–2 and the rest in class 3, sorted by class', () => {
    const counts = (labels: number[]): number[] => [0, 1, 2, 3].map((c) => labels.filter((l) => l === c).length);
    expect(counts(balancedLabels(5000))).toEqual([1250, 1250, 1250, 1250]);
    expect(counts(balancedLabels(102))).toEqual([25, 25, 25, 27]);
    expect(counts(balancedLabels(3))).toEqual([0, 0, 0, 3]);
    const labels = balancedLabels(1001);
    expect(labels.every((l, i) => i === 0 || l >= (labels[i - 1] ?? 0))).toBe(true);
  });
});
