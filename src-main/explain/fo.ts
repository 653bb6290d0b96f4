import { z } from 'zod';
import { defineExplainer } from './explainer';
import { explainTimeForward, tunnelParams } from './time-forward-tunnel';
import { baselineParam, baselineValues } from './window-inputs';

/**
 * Feature Occlusion as tint's experiments run it:
 * TimeForwardTunnel(TemporalOcclusion) with attributions_fn=abs, task "binary", then .abs(), i.e.
 * attr[i, t, f] = |f_c(x_{i,≤t}) − f_c(x_{i,≤t} with x_{t,f} := baseline[t, f])|, c the prefix's
 * predicted class (or the given target). The baseline defaults to the mean of the reference rows.
 * (The FIT paper's FO, Uniform(−3, 3) noise and mean |Δp| over classes, is a different method.)
 */
export const fo = defineExplainer({
  name: 'fo',
  title: 'Feature Occlusion (FO)',
  needsGradients: false,
  params: z.object({ ...tunnelParams, baseline: baselineParam.default('mean') }),
  explain: (request) =>
    explainTimeForward('fo', request, (shape) => ({
      kind: 'baseline',
      values: baselineValues(request.params.baseline, shape, request.reference, 'fo'),
    })),
});
