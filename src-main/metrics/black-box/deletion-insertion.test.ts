import { describe, expect, it } from 'vitest';
import { fromNumbers, type Tensor } from '../../engine/ir';
import { deletionCurve, insertionCurve } from './deletion-insertion';
import type { Forward } from './forward';

// A linear model on [B, 2, 2]: logits (0, Σ w·x). With attributions w ⊙ x (each entry's exact
// contribution) and baseline 0, the output after removing entries is the sum of what is left.
const weights = [4, -1, 2, 0.5];
const calls: number[] = [];
const linear: Forward = (x) => {
  const [batch = 0] = x.shape;
  calls.push(batch);
  const logits: number[] = [];
  for (let b = 0; b < batch; b++) {
    let sum = 0;
    weights.forEach((w, i) => (sum += w * (x.data[b * 4 + i] as number)));
    logits.push(0, sum);
  }
  return Promise.resolve(fromNumbers('float32', [batch, 2], logits));
};

const x = fromNumbers('float32', [2, 2, 2], [1, 1, 1, 1, 2, 0, 1, 2]);
// Contributions: example 0 → (4, −1, 2, 0.5); example 1 → (8, 0, 2, 1).
const contributions = fromNumbers('float64', [2, 2, 2], [4, -1, 2, 0.5, 8, 0, 2, 1]);
const quarters = [0, 0.25, 0.5, 0.75, 1];

function trapezoid(y: readonly number[]): number {
  return y.slice(1).reduce((area, v, j) => area + (0.25 * (v + (y[j] ?? 0))) / 2, 0);
}

describe('deletion and insertion curves on a linear model', () => {
  it('deletion removes the largest contributions first', async () => {
    const curve = await deletionCurve(linear, x, contributions, { fractions: quarters, target: 1, score: 'output' });
    // Example 0 left with 5.5 → 1.5 → −0.5 → −1 → 0; example 1 with 11 → 3 → 1 → 0 → 0.
    expect(curve.perExample).toEqual([
      [5.5, 1.5, -0.5, -1, 0],
      [11, 3, 1, 0, 0],
    ]);
    expect(curve.scores).toEqual([8.25, 2.25, 0.25, -0.5, 0]);
    expect(curve.fractions).toEqual(quarters);
    expect(curve.auc).toBeCloseTo(trapezoid([8.25, 2.25, 0.25, -0.5, 0]), 12);
  });

  it('insertion starts from the baseline and adds the largest contributions first', async () => {
    const curve = await insertionCurve(linear, x, contributions, { fractions: quarters, target: 1, score: 'output' });
    expect(curve.perExample).toEqual([
      [0, 4, 6, 6.5, 5.5],
      [0, 8, 10, 11, 11],
    ]);
  });

  it('fills with a scalar baseline and scores the softmax of the argmax class by default', async () => {
    const curve = await deletionCurve(linear, x, contributions, { fractions: [0, 0.25], baseline: 0.5 });
    expect(curve.targets).toEqual([1, 1]);
    // After the first deletion example 0 holds 5.5 − 4 + 4·0.5 = 3.5: p = σ(3.5).
    expect(curve.perExample[0]?.[1]).toBeCloseTo(1 / (1 + Math.exp(-3.5)), 6);
  });

  it('beats a random order: deleting by contribution leaves the lowest curve', async () => {
    const options = { fractions: quarters, target: 1, score: 'output' } as const;
    const ranked = await deletionCurve(linear, x, contributions, options);
    for (const seed of [1, 2, 3]) {
      const random = await deletionCurve(linear, x, contributions, { ...options, ranking: 'random', seed });
      expect(random.perExample.map((row) => [row[0], row[4]])).toEqual([
        [5.5, 0],
        [11, 0],
      ]);
      expect(random.auc).toBeGreaterThanOrEqual(ranked.auc);
      expect(await deletionCurve(linear, x, contributions, { ...options, ranking: 'random', seed })).toEqual(random);
    }
  });

  it('calls the model once per curve point with every example, plus once on x to pick the target', async () => {
    calls.length = 0;
    await deletionCurve(linear, x, contributions, { fractions: quarters });
    expect(calls).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('rejects fractions out of order and maps of another shape', async () => {
    await expect(deletionCurve(linear, x, contributions, { fractions: [0.5, 0.25] })).rejects.toThrow(/ascending/);
    const other: Tensor = fromNumbers('float64', [2, 4, 1], [0, 0, 0, 0, 0, 0, 0, 0]);
    await expect(deletionCurve(linear, x, other)).rejects.toThrow(/attributions is \[2, 4, 1\]/);
  });
});
