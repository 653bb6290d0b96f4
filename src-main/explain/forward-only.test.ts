import { describe, expect, it } from 'vitest';
import { toNumbers } from '../engine';
import { afo } from './afo';
import { deepLift } from './deeplift';
import type { Explainer } from './explainer';
import { fo } from './fo';
import { gradient } from './gradient';
import { gradientShap } from './gradient-shap';
import { inputXGradient } from './input-x-gradient';
import { integratedGradients } from './integrated-gradients';
import { occlusion } from './occlusion';
import { sequentialIntegratedGradients } from './sequential-integrated-gradients';
import { temporalIntegratedGradients } from './temporal-integrated-gradients';
import { expectClose, golden } from './testing/golden';
import { tracedBox } from './testing/traced-box';

/** f_c(x) = Σ_t softsign(x[t, c]) for c in 0…2: Softsign runs forward but has no gradient rule. */
const model = await tracedBox('softsign.onnx', [5, 3], 'logits', (g, x) => g.op('Softsign', [x]).reduceSum([1]));
const request = { model, x: golden.x, targets: [0, 1, 2], seed: 1, reference: golden.xTrain, params: {} };
const x = toNumbers(golden.x);
const softsign = (v: number) => v / (1 + Math.abs(v));

describe('a model without gradient rules', () => {
  it.each(
    [
      gradient,
      inputXGradient,
      integratedGradients,
      temporalIntegratedGradients,
      sequentialIntegratedGradients,
      gradientShap,
      deepLift,
    ].map((e) => [e.name, e] as const),
  )('%s refuses it, naming the op', async (_, explainer: Explainer) => {
    expect(explainer.needsGradients).toBe(true);
    await expect(explainer.explain(request)).rejects.toThrow(/cannot differentiate \(Softsign\)/);
  });

  it('occlusion explains it: only the target feature moves the target output', async () => {
    expect(occlusion.needsGradients).toBe(false);
    const { saliency } = await occlusion.explain(request);
    // Baseline 0, softsign(0) = 0: Δ of cell (t, f) is softsign(x[t, f]) where f is the target, else 0.
    const want = [0, 1, 2].map((b) =>
      [0, 1, 2, 3, 4].map((t) => [0, 1, 2].map((f) => (f === b ? softsign(x[b * 15 + t * 3 + f] ?? NaN) : 0))),
    );
    expectClose(saliency, want, 1e-6);
  });

  it.each([fo, afo].map((e) => [e.name, e] as const))('%s explains it (any prefix length)', async (_, explainer) => {
    expect(explainer.needsGradients).toBe(false);
    const { saliency, info } = await explainer.explain(request);
    expect(saliency.shape).toEqual([3, 5, 3]);
    expect(info.steps).toBe(5);
    // The model sums over time, so the target output moves only with the target feature.
    toNumbers(saliency).forEach((v, j) => expect(v === 0).toBe(j % 3 !== Math.floor(j / 15)));
  });
});
