import { describe, it } from 'vitest';
import { occlusion } from './occlusion';
import { expectClose, firstRows, golden, goldenBox, goldenJson, goldenModels } from './testing/golden';
import type { Nested } from './testing/golden';

describe.each(goldenModels)('%s', (model) => {
  const expected = goldenJson<Record<string, { attr: Nested }>>(`attributions_${model}.json`);
  const request = { model: goldenBox(model), x: golden.x, targets: golden.targets, seed: 3, reference: golden.xTrain };

  it.each([
    ['occlusion.w11.s11.b0', {}],
    ['occlusion.w21.s11.b0', { window: [2, 1] }],
    ['occlusion.w21.s21.b0', { window: [2, 1], strides: [2, 1] }],
    ['occlusion.w13.s11.b_xtrainmean', { window: [1, 3], baseline: 'mean' }],
    ['occlusion.w53.b0.5', { window: [5, 3], baseline: 0.5 }],
    ['occlusion.w11.s11.b0.attributions_fn_abs', { attributionsFn: 'abs' }],
    ['occlusion.w11.s11.b0', { internalBatchSize: 4 }],
  ] as const)('%s %j', async (key, params) => {
    const { saliency } = await occlusion.explain({ ...request, params });
    expectClose(saliency, (expected[key] as { attr: Nested }).attr, 1e-6);
  });

  it('augmented_occlusion.one_row_data.w11.n_sampling3: sampled from a single reference row', async () => {
    const { saliency } = await occlusion.explain({
      ...request,
      reference: firstRows(golden.xTrain, 1),
      params: { baseline: 'sampled', nSampling: 3 },
    });
    const key = 'augmented_occlusion.one_row_data.w11.n_sampling3';
    expectClose(saliency, (expected[key] as { attr: Nested }).attr, 1e-6);
  });
});
