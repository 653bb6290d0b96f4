import { tensor } from '../engine';
import { convergenceDelta } from './convergence-delta';
import { defineExplainer } from './explainer';
import { integratedGradientsParams, integratePath, pathAttributions, startPaths } from './integrated-path';
import { prefixRows, targetOf } from './window-inputs';

/**
 * Temporal Integrated Gradients (tint `TemporalIntegratedGradients`): for each prefix x[:, :t] the
 * path moves only its last step from b[:, t−1] to x[:, t−1], and out[:, t−1] is that step's
 * attribution (x_t − b_t) ⊙ Σ_k w_k ∂f_t(prefix)/∂x_t. The target is the same at every t. The
 * delta, per (t, window) at index (t−1)·B + i, is tint's: the whole prefix's attributions (earlier
 * steps included) against f(prefix) − f(baseline prefix), not a completeness check. The model
 * must accept every prefix length.
 */
export const temporalIntegratedGradients = defineExplainer({
  name: 'temporal-integrated-gradients',
  title: 'Temporal Integrated Gradients',
  needsGradients: true,
  params: integratedGradientsParams,
  async explain(request) {
    const method = 'temporal-integrated-gradients';
    const { run, common } = await startPaths(request, method, (shape) => shape.time);
    const { shape, x, b, targets } = common;
    const F = shape.features;
    const attr = new Float32Array(x.length);
    const delta: number[] = [];
    for (let t = 1; t <= shape.time; t++) {
      const spec = { ...common, length: t, from: t - 1, to: t };
      const prefixAttr = pathAttributions(spec, await integratePath(spec, run));
      for (let i = 0; i < shape.batch; i++) {
        attr.set(prefixAttr.subarray((i * t + t - 1) * F, (i * t + t) * F), (i * shape.time + t - 1) * F);
      }
      const [xs, bs] = [prefixRows(x, shape, t), prefixRows(b, shape, t)];
      const prefixShape = { ...shape, time: t };
      delta.push(
        ...(await convergenceDelta(request.model, prefixShape, prefixAttr, xs, bs, (row) => targetOf(targets, row))),
      );
    }
    return {
      saliency: tensor('float32', request.x.shape, attr),
      scale: 'signed',
      info: run.info(method, targets, { diagnostics: { delta } }),
    };
  },
});
