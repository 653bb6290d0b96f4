import { tensor } from '../engine';
import type { TimeForwardGradients } from './causal-steps';
import { convergenceDelta } from './convergence-delta';
import { defineExplainer } from './explainer';
import type { ExplainInfo, ExplainRequest, Explanation } from './explainer';
import { integratedGradientsParams, integratePath, pathAttributions, startPaths } from './integrated-path';
import type { IntegratedGradientsParams } from './integrated-path';
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
  explain: (request) => explainIntegratedGradients(request),
});

/**
 * IG of the model's output, or with `tunnel` of each step's own output at that step (the
 * time-forward tunnel's IG, whose per-prefix convergence deltas are not computed).
 */
export async function explainIntegratedGradients(
  request: ExplainRequest<IntegratedGradientsParams>,
  tunnel?: TimeForwardGradients,
): Promise<Explanation> {
  const { run, common } = await startPaths(request, 'integrated-gradients', () => 1, tunnel);
  const { shape, x, b, targets } = common;
  const spec = { ...common, length: shape.time, from: 0, to: shape.time };
  const attr = pathAttributions(spec, await integratePath(spec, run));
  const diagnostics: ExplainInfo['diagnostics'] = tunnel
    ? { targetsPerTime: tunnel.targetsPerTime }
    : { delta: await convergenceDelta(request.model, shape, attr, x, b, (row) => targetOf(targets, row)) };
  return {
    saliency: tensor('float32', request.x.shape, attr),
    scale: 'signed',
    info: run.info('integrated-gradients', targets, { diagnostics }),
  };
}
