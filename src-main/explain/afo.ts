import { z } from 'zod';
import type { ExplainRequest, Explanation } from './explainer';
import { defineExplainer } from './explainer';
import { seededSource } from './random-source';
import type { RandomSource } from './random-source';
import { explainTimeForward, tunnelParams } from './time-forward-tunnel';
import { referenceRows } from './window-inputs';

export const afoParams = z.object({
  ...tunnelParams,
  /** Replacement rows drawn per (time, window, example); their |Δ| are averaged. */
  nSampling: z.number().int().min(1).default(10),
});
export type AfoParams = z.output<typeof afoParams>;

/**
 * Augmented Feature Occlusion as tint's experiments run it:
 * TimeForwardTunnel(TemporalAugmentedOcclusion(data = reference, n_sampling = 10, is_temporal))
 * with attributions_fn=abs, task "binary", then .abs(). x_{t,f} is replaced by the same position
 * of a reference row drawn uniformly with replacement (the position-specific marginal), so
 * E[attr[i, t, f]] = mean_r |f_c(prefix) − f_c(prefix with x_{t,f} := reference[r, t, f])|.
 * (The FIT paper's AFO pools feature values over all times and scores a KL divergence instead.)
 */
export const afo = defineExplainer({
  name: 'afo',
  title: 'Augmented Feature Occlusion (AFO)',
  needsGradients: false,
  params: afoParams,
  explain: (request) => explainAfo(request, seededSource(request.seed)),
});

/** AFO with the reference rows drawn from `random` (time by time, window by window, example by example). */
export function explainAfo(request: ExplainRequest<AfoParams>, random: RandomSource): Promise<Explanation> {
  return explainTimeForward('afo', request, (shape) => ({
    kind: 'sampled',
    data: referenceRows(request.reference, shape, 'afo'),
    nSampling: request.params.nSampling,
    random,
  }));
}
