import { tensor } from '../engine';
import { convergenceDelta } from './convergence-delta';
import { defineExplainer } from './explainer';
import { integratedGradientsParams, integratePath, pathAttributions, startPaths } from './integrated-path';
import { targetOf } from './window-inputs';

/**
 * Sequential Integrated Gradients (tint `SequentialIntegratedGradients`): for each time step τ the
 * path moves x[:, τ] alone from b[:, τ] to x[:, τ], every other step keeping its value, and
 * out[:, τ] = (x_τ − b_τ) ⊙ Σ_k w_k ∂f_t/∂x_τ. The delta is Captum's Σ attr − (f_t(x) − f_t(b)),
 * which this method does not drive to 0.
 */
export const sequentialIntegratedGradients = defineExplainer({
  name: 'sequential-integrated-gradients',
  title: 'Sequential Integrated Gradients',
  needsGradients: true,
  params: integratedGradientsParams,
  async explain(request) {
    const method = 'sequential-integrated-gradients';
    const { run, common } = await startPaths(request, method, (shape) => shape.time);
    const { shape, x, b, targets } = common;
    const F = shape.features;
    const attr = new Float32Array(x.length);
    for (let step = 0; step < shape.time; step++) {
      const spec = { ...common, length: shape.time, from: step, to: step + 1 };
      const stepAttr = pathAttributions(spec, await integratePath(spec, run));
      for (let i = 0; i < shape.batch; i++) {
        const at = (i * shape.time + step) * F;
        attr.set(stepAttr.subarray(at, at + F), at);
      }
    }
    const delta = await convergenceDelta(request.model, shape, attr, x, b, (row) => targetOf(targets, row));
    return {
      saliency: tensor('float32', request.x.shape, attr),
      scale: 'signed',
      info: run.info(method, targets, { diagnostics: { delta } }),
    };
  },
});
