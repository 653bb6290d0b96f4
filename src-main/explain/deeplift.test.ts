import { describe, expect, it } from 'vitest';
import { deepLift } from './deeplift';
import { expectClose, golden, goldenBox, goldenJson, goldenModels } from './testing/golden';
import type { Nested } from './testing/golden';

interface Case {
  readonly attr: Nested;
  readonly delta: number[];
}

/** What each golden model's DeepLift rescales: nothing inside the GRU, nn.ReLU, nn.Tanh and nn.Sigmoid. */
const rescaled = { gru_clf: [], conv1d_clf: ['Relu ×1'], mlp_tanh_sigmoid: ['Tanh ×1', 'Sigmoid ×1'] };

describe.each(goldenModels)('%s', (model) => {
  const expected = goldenJson<Record<string, Case>>(`attributions_${model}.json`);
  const request = { model: goldenBox(model), x: golden.x, targets: golden.targets, seed: 0, reference: golden.xTrain };

  it.each([
    ['deeplift.zero_baseline', 'zero'],
    ['deeplift.x_train_mean_baseline', 'mean'],
  ] as const)('%s', async (key, baseline) => {
    const { saliency, info } = await deepLift.explain({ ...request, params: { baseline } });
    const want = expected[key] as Case;
    expectClose(saliency, want.attr);
    const delta = info.diagnostics?.delta as number[];
    delta.forEach((d, i) => expect(Math.abs(d - (want.delta[i] ?? NaN))).toBeLessThan(1e-5));
    expect(info.diagnostics?.rescaledNodes).toBe(rescaled[model].length);
    expect(info.notes?.[0]).toContain(rescaled[model].length > 0 ? rescaled[model].join(', ') : "Captum's fallback");
  });
});

it('says where it fell back to the gradient: the GRU of gru_clf', async () => {
  const { info } = await deepLift.explain({ model: goldenBox('gru_clf'), x: golden.x, seed: 0, params: {} });
  expect(info.notes).toEqual([
    "no Relu/Elu/LeakyRelu/Sigmoid/Tanh/Softplus node to rescale: the result is Captum's fallback (x − b) ⊙ ∇f(x)",
    'GRU: gradient at x, as Captum (it does not hook the gates inside recurrent layers)',
  ]);
});
