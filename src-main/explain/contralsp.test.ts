import { describe, expect, it, vi } from 'vitest';
import { TrainingStep } from '../engine';
import { numbers } from '../engine/testing/fixtures';
import { contraLsp } from './contralsp';
import type { ExplainProgress } from './explainer';
import { golden, goldenBox } from './testing/golden';
import { cancelAfter, pairwiseOrder, squaresCase, squaresWhiteBox } from './testing/white-box';

const { cells, box, x } = await squaresCase();
const quick = { preset: 'rare', epochs: 40 };

describe('ContraLSP', () => {
  it.each([
    ['as released', quick, ['counterfactualSize', 'fidelity', 'sparsity', 'total']],
    [
      'with the intended triplet term',
      { ...quick, contrastive: 'intended' },
      ['counterfactualSize', 'fidelity', 'sparsity', 'total', 'triplet'],
    ],
    ['without the smooth gate', { ...quick, gate: 'none' }, ['counterfactualSize', 'fidelity', 'sparsity', 'total']],
  ])('ranks the squared cells above the others (%s)', async (_, params, terms) => {
    const progress: ExplainProgress[] = [];
    const result = await contraLsp.explain({ model: box, x, params, seed: 1, onProgress: (p) => progress.push(p) });
    expect(result.saliency.shape).toEqual([6, 8, 3]);
    expect(result.scale).toBe('unit-mask');
    expect(pairwiseOrder(result.saliency, cells)).toBeGreaterThan(0.95);
    expect(Math.min(...numbers(result.saliency))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers(result.saliency))).toBeLessThanOrEqual(1);
    expect(result.info.steps).toBe(40);
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(Object.keys(result.info.finalLosses ?? {}).sort()).toEqual(terms);
    expect(result.info.finalLosses?.total).toBe(progress.at(-1)?.loss);
  });

  it('is deterministic for a seed (networks and gate noise); another seed differs', async () => {
    const run = (seed: number) => contraLsp.explain({ model: box, x, params: { ...quick, epochs: 5 }, seed });
    const [a, b, c] = await Promise.all([run(7), run(7), run(8)]);
    expect(numbers(b.saliency)).toEqual(numbers(a.saliency));
    expect(b.info.finalLosses).toEqual(a.info.finalLosses);
    expect(numbers(c.saliency)).not.toEqual(numbers(a.saliency));
  });

  it('stops within one step of a cancel', async () => {
    const progress: ExplainProgress[] = [];
    await expect(
      contraLsp.explain({
        model: box,
        x,
        params: quick,
        seed: 1,
        cancel: cancelAfter(4),
        onProgress: (p) => progress.push(p),
      }),
    ).rejects.toThrow('cancelled');
    expect(progress).toHaveLength(4);
  });

  it('refuses a forward-only model naming the op, and invalid parameters naming the field', async () => {
    await expect(
      contraLsp.explain({ model: await squaresWhiteBox(8, 3, cells, true), x, params: quick, seed: 1 }),
    ).rejects.toThrow(/contralsp needs gradients.*\(Softsign\)/);
    expect(() => contraLsp.parseParams({ sigma: 0 })).toThrow(/sigma/);
    expect(() => contraLsp.parseParams({ gate: 'softmax' })).toThrow(/gate/);
    expect(() => contraLsp.parseParams({ contrastive: 'both' })).toThrow(/contrastive/);
    expect(contraLsp.parseParams({ preset: 'switch' })).toMatchObject({ lambda1: 1, lambda2: 2, sigma: 0.8, lr: 0.01 });
    expect(contraLsp.parseParams({})).toMatchObject({ preset: 'state', lambda1: 2, lambda2: 1, epochs: 500 });
  });

  it('runs end to end on the golden GRU classifier (State, and MIMIC with cross-entropy in the deletion game)', async () => {
    for (const params of [{ epochs: 3 }, { epochs: 3, preset: 'mimic', game: 'deletion', contrastive: 'intended' }]) {
      const result = await contraLsp.explain({ model: goldenBox('gru_clf'), x: golden.x, params, seed: 2 });
      expect(result.saliency.shape).toEqual(golden.x.shape);
      expect(result.info.targets).toHaveLength(3);
      expect(Object.values(result.info.finalLosses ?? {}).every(Number.isFinite)).toBe(true);
    }
  });

  it('reuses its compiled graph for the same model, shape and setting: the same results as a new one, seed by seed', async () => {
    const compiles = vi.spyOn(TrainingStep, 'compile');
    try {
      for (const params of [
        { ...quick, epochs: 6 },
        { ...quick, epochs: 6, contrastive: 'intended' },
      ]) {
        // A copy of the bytes is a model the caches have not seen: everything is traced anew.
        const fresh = () => ({ ...box, onnx: box.onnx.slice() });
        const reused = fresh();
        const first = await contraLsp.explain({ model: reused, x, params, seed: 5 });
        compiles.mockClear();
        for (const seed of [5, 6]) {
          const again = await contraLsp.explain({ model: reused, x, params, seed });
          const anew = await contraLsp.explain({ model: fresh(), x, params, seed });
          expect(numbers(again.saliency)).toEqual(numbers(anew.saliency));
          expect(again.info.finalLosses).toEqual(anew.info.finalLosses);
          if (seed === 5) expect(numbers(again.saliency)).toEqual(numbers(first.saliency));
        }
        // Only the two new models' graphs were compiled.
        expect(compiles).toHaveBeenCalledTimes(2);
        compiles.mockClear();
      }
    } finally {
      compiles.mockRestore();
    }
  });
});
