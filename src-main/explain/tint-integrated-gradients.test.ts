/** tint's Temporal and Sequential Integrated Gradients against the golden values. */
import { describe, expect, it } from 'vitest';
import { sequentialIntegratedGradients } from './sequential-integrated-gradients';
import { temporalIntegratedGradients } from './temporal-integrated-gradients';
import { expectClose, golden, goldenBox, goldenJson } from './testing/golden';
import type { Nested } from './testing/golden';

interface Case {
  readonly attr: Nested;
  readonly delta?: number[];
  readonly delta_T_times_B?: number[];
}

describe.each(['gru_clf', 'conv1d_clf'] as const)('%s', (model) => {
  const expected = goldenJson<Record<string, Case>>(`attributions_${model}.json`);
  const request = { model: goldenBox(model), x: golden.x, targets: golden.targets, seed: 0, params: {} };

  it.each([
    ['temporal_ig.gausslegendre.n50.zero_baseline', temporalIntegratedGradients, 'delta_T_times_B'],
    ['seq_ig.gausslegendre.n50.zero_baseline', sequentialIntegratedGradients, 'delta'],
  ] as const)('%s', async (key, explainer, deltaKey) => {
    const want = expected[key] as Case;
    const { saliency, info } = await explainer.explain(request);
    expectClose(saliency, want.attr);
    const delta = info.diagnostics?.delta as number[];
    const wantDelta = want[deltaKey] ?? [];
    expect(delta).toHaveLength(wantDelta.length);
    delta.forEach((d, i) => expect(Math.abs(d - (wantDelta[i] ?? NaN))).toBeLessThan(1e-5));
    // One gradient batch per time step.
    expect(info.steps).toBe(5);
  });
});
