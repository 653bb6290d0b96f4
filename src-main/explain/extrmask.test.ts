import { describe, expect, it } from 'vitest';
import { numbers } from '../engine/testing/fixtures';
import type { ExplainProgress } from './explainer';
import { extrMask } from './extrmask';
import { golden, goldenBox } from './testing/golden';
import { tracedBox } from './testing/traced-box';
import { cancelAfter, normalWindows, pairwiseOrder, squaresCase, squaresWhiteBox } from './testing/white-box';
import type { Cell } from './testing/white-box';

const { cells, box, x } = await squaresCase();
const quick = { preset: 'rare', epochs: 40 };

describe('ExtrMask', () => {
  it('ranks the cells the white box squares above the others; steps, losses and progress are reported', async () => {
    const progress: ExplainProgress[] = [];
    const result = await extrMask.explain({
      model: box,
      x,
      params: quick,
      seed: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(result.saliency.shape).toEqual([6, 8, 3]);
    expect(result.scale).toBe('unit-mask');
    expect(Math.min(...numbers(result.saliency))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers(result.saliency))).toBeLessThanOrEqual(1);
    expect(pairwiseOrder(result.saliency, cells)).toBeGreaterThan(0.95);
    expect(result.info.steps).toBe(40);
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(progress.every((p) => Number.isFinite(p.loss))).toBe(true);
    expect(Object.keys(result.info.finalLosses ?? {}).sort()).toEqual(
      ['fidelity', 'maskSize', 'perturbationSize', 'total'].sort(),
    );
    expect(result.info.finalLosses?.total).toBe(progress.at(-1)?.loss);
    expect(result.info.params).toMatchObject({ preset: 'rare', epochs: 40, lr: 0.1, lambda1: 1, batchSize: 100 });
  });

  it('is deterministic for a seed; another seed draws another perturbation network', async () => {
    const run = (seed: number) => extrMask.explain({ model: box, x, params: { ...quick, epochs: 5 }, seed });
    const [a, b, c] = await Promise.all([run(4), run(4), run(5)]);
    expect(numbers(b.saliency)).toEqual(numbers(a.saliency));
    expect(numbers(c.saliency)).not.toEqual(numbers(a.saliency));
  });

  it('visits the rows in batches (a short last batch), one step per batch', async () => {
    const progress: ExplainProgress[] = [];
    const result = await extrMask.explain({
      model: box,
      x,
      params: { ...quick, batchSize: 4 },
      seed: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(result.info.steps).toBe(80);
    expect(progress.at(-1)).toMatchObject({ step: 80, steps: 80 });
    expect(pairwiseOrder(result.saliency, cells)).toBeGreaterThan(0.95);
  });

  it('stops within one step of a cancel', async () => {
    const cancel = cancelAfter(3);
    const progress: ExplainProgress[] = [];
    await expect(
      extrMask.explain({ model: box, x, params: quick, seed: 1, cancel, onProgress: (p) => progress.push(p) }),
    ).rejects.toThrow('cancelled');
    expect(progress).toHaveLength(3);
  });

  it('refuses a forward-only model naming the op, invalid parameters naming the field, and cross-entropy on values', async () => {
    await expect(
      extrMask.explain({ model: await squaresWhiteBox(8, 3, cells, true), x, params: quick, seed: 1 }),
    ).rejects.toThrow(/extrmask needs gradients.*\(Softsign\)/);
    expect(() => extrMask.parseParams({ epochs: 0 })).toThrow(/epochs/);
    expect(() => extrMask.parseParams({ lambda1: -1 })).toThrow(/lambda1/);
    expect(() => extrMask.parseParams({ preset: 'hmm' })).toThrow(/preset/);
    expect(() => extrMask.parseParams({ lamda1: 1 })).toThrow(/lamda1/);
    await expect(
      extrMask.explain({ model: box, x, params: { ...quick, loss: 'cross-entropy' }, seed: 1 }),
    ).rejects.toThrow(/cross-entropy.*outputs values/);
  });

  // Cross-entropy only asks to keep each step's argmax, so a confident step needs less of its cells.
  it('explains a per-time classifier ([B, T, C] logits, every step compared): the features it reads rank first', async () => {
    const perTime = await tracedBox('per-time', [8, 3], 'logits', (_, input) => input.slice([0], [2], [2]));
    const read = Array.from({ length: 8 }, (_, t): Cell[] => [
      [t, 0],
      [t, 1],
    ]).flat();
    const windows = normalWindows([6, 8, 3], 12, read);
    for (const loss of ['mse', 'cross-entropy']) {
      const result = await extrMask.explain({ model: perTime, x: windows, params: { ...quick, loss }, seed: 1 });
      expect(pairwiseOrder(result.saliency, read)).toBeGreaterThan(loss === 'mse' ? 0.99 : 0.9);
    }
  });

  it('runs end to end on the golden GRU classifier, with cross-entropy and in the deletion game', async () => {
    for (const params of [{ epochs: 3 }, { epochs: 3, preset: 'mimic', game: 'deletion' }]) {
      const result = await extrMask.explain({ model: goldenBox('gru_clf'), x: golden.x, params, seed: 2 });
      expect(result.saliency.shape).toEqual(golden.x.shape);
      expect(result.info.targets).toHaveLength(3);
      expect(Object.values(result.info.finalLosses ?? {}).every(Number.isFinite)).toBe(true);
    }
  });
});
