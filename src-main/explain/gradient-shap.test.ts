import { describe, expect, it } from 'vitest';
import { toNumbers } from '../engine';
import { explainGradientShap, gradientShap, gradientShapParams } from './gradient-shap';
import type { RandomSource } from './random-source';
import { expectClose, firstRows, golden, goldenBox, goldenJson, goldenModels } from './testing/golden';
import type { Nested } from './testing/golden';

interface Case {
  readonly baseline_index_per_expanded_row: number[];
  readonly alpha_per_expanded_row: number[];
  readonly attr: Nested;
  readonly delta_per_expanded_row: number[];
}

/** Hands out the draws Captum recorded, in the order GradientSHAP takes them. */
function replay(indices: readonly number[], alphas: readonly number[]): RandomSource {
  let i = 0;
  let a = 0;
  return {
    index: () => indices[i++] ?? NaN,
    uniform: () => alphas[a++] ?? NaN,
    normal: () => {
      throw new Error('the fixture has no noise (stdevs = 0)');
    },
  };
}

describe.each(goldenModels)('%s', (model) => {
  const want = goldenJson<Record<string, Case>>(`attributions_${model}.json`)['gradient_shap.n8.stdev0'] as Case;
  const request = {
    model: goldenBox(model),
    x: golden.x,
    targets: golden.targets,
    seed: 0,
    reference: firstRows(golden.xTrain, 4),
  };

  it('gradient_shap.n8.stdev0 with Captum’s draws replayed', async () => {
    const params = gradientShapParams.parse({ nSamples: 8 });
    const random = replay(want.baseline_index_per_expanded_row, want.alpha_per_expanded_row);
    const { saliency, info } = await explainGradientShap({ ...request, params }, random);
    expectClose(saliency, want.attr);
    const delta = info.diagnostics?.delta as number[];
    expect(delta).toHaveLength(24);
    delta.forEach((d, r) => expect(Math.abs(d - (want.delta_per_expanded_row[r] ?? NaN))).toBeLessThan(1e-5));
  });
});

describe('seeded draws', () => {
  const request = { model: goldenBox('conv1d_clf'), x: golden.x, reference: golden.xTrain, params: { stdevs: 0.1 } };

  it('repeat with the seed and change with it', async () => {
    const runs = await Promise.all([7, 7, 8].map((seed) => gradientShap.explain({ ...request, seed })));
    const [a, b, c] = runs.map((r) => toNumbers(r.saliency));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(runs[0]?.info.diagnostics?.delta).toHaveLength(3 * 5);
  });

  it('needs reference rows to draw baselines from', async () => {
    await expect(gradientShap.explain({ ...request, reference: undefined, seed: 1 })).rejects.toThrow(
      /gradient-shap \(its baselines\) needs reference data/,
    );
  });
});
