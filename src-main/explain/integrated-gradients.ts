import { tensor } from '../engine';
import { convergenceDelta } from './convergence-delta';
import { defineExplainer } from './explainer';
import { integratedGradientsParams, integratePath, pathAttributions, startPaths } from './integrated-path';
import { targetOf } from './window-inputs';

/**
 * Integrated Gradients (Captum `IntegratedGradients`):
 * attr = (x − b) ⊙ Σ_k w_k ∇f_t(b + α_k (x − b)), with the convergence delta
 * Σ attr − (f_t(x) − f_t(b)) reported per window.
 */
export const integratedGradients = defineExplainer({
  name: 'integrated-gradients',
  title: 'Integrated Gradients',
  needsGradients: true,
  params: integratedGradientsParams,
  async explain(request) {
    const { run, common } = await startPaths(request, 'integrated-gradients', () => 1);
    const { shape, x, b, targets } = common;
    const spec = { ...common, length: shape.time, from: 0, to: shape.time };
    const attr = pathAttributions(spec, await integratePath(spec, run));
    const delta = await convergenceDelta(request.model, shape, attr, x, b, (row) => targetOf(targets, row));
    return {
      saliency: tensor('float32', request.x.shape, attr),
      scale: 'signed',
      info: run.info('integrated-gradients', targets, { diagnostics: { delta } }),
    };
  },
});
