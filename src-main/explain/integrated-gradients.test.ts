import { describe, expect, it } from 'vitest';
import { integratedGradients } from './integrated-gradients';
import { expectClose, golden, goldenBox, goldenJson, goldenModels } from './testing/golden';
import type { Nested } from './testing/golden';

interface Case {
  readonly attr: Nested;
  readonly delta: number[];
}

describe.each(goldenModels)('%s', (model) => {
  const expected = goldenJson<Record<string, Case>>(`attributions_${model}.json`);
  const request = { model: goldenBox(model), x: golden.x, targets: golden.targets, seed: 0 };

  it.each([
    ['ig.gausslegendre.n50.zero_baseline', {}, {}],
    ['ig.gausslegendre.n50.zero_baseline.target_int_1', {}, { targets: [1] }],
    ['ig.riemann_trapezoid.n50.x_train_mean_baseline', { method: 'riemann_trapezoid', baseline: 'mean' }, {}],
    ['ig.gausslegendre.n50.zero_baseline', { internalBatchSize: 7 }, {}],
  ] as const)('%s %j', async (key, params, overrides) => {
    const { saliency, info } = await integratedGradients.explain({
      ...request,
      reference: golden.xTrain,
      ...overrides,
      params,
    });
    const want = expected[key] as Case;
    expectClose(saliency, want.attr);
    // internalBatchSize 7 with B = 3 runs ⌊7/3⌋ = 2 steps per batch: 25 batches; else one.
    expect(info.steps).toBe('internalBatchSize' in params ? 25 : 1);
    const delta = info.diagnostics?.delta as number[];
    delta.forEach((d, i) => expect(Math.abs(d - (want.delta[i] ?? NaN))).toBeLessThan(1e-5));
  });
});

describe('progress and cancellation', () => {
  const request = { model: goldenBox('gru_clf'), x: golden.x, seed: 0, params: { internalBatchSize: 30 } };

  it('reports each gradient batch', async () => {
    const progress: [number, number][] = [];
    const { info } = await integratedGradients.explain({
      ...request,
      onProgress: (p) => progress.push([p.step, p.steps]),
    });
    // 50 steps, 10 per batch of 30 rows.
    expect(progress).toEqual([1, 2, 3, 4, 5].map((s) => [s, 5]));
    expect(info.steps).toBe(5);
    expect(info.runtimeMs).toBeGreaterThan(0);
  });

  it('stops between batches once cancel is asked', async () => {
    let done = 0;
    const cancel = {
      throwIfCancelled: () => {
        if (done >= 2) throw new Error('cancelled');
      },
    };
    await expect(integratedGradients.explain({ ...request, cancel, onProgress: () => done++ })).rejects.toThrow(
      'cancelled',
    );
    expect(done).toBe(2);
  });
});
