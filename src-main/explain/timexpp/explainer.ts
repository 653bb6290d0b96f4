import { explainAmortised, fitOnce } from '../amortised';
import type { AmortisedMethod } from '../amortised';
import { defineExplainer } from '../explainer';
import type { Explainer, ExplainRequest, Explanation } from '../explainer';
import { fitTimexpp } from './fit';
import type { TimexppExplainerState } from './fit';
import { timexppParams } from './presets';
import type { TimexppParams } from './presets';
import { timexppMaps } from './read-out';

const METHOD = 'timexpp';

/**
 * TimeX++ (Liu et al., ICML 2024; timexpp.md) as an explainer. With a fitted explainer, explaining
 * is one forward pass of its mask generator. Without one, the request fits one on
 * `request.reference` (the training windows; absent, on the explained windows, transductively)
 * and keeps it for later requests with the same model, reference, parameters and seed.
 */
export function timexppExplainer(fitted?: TimexppExplainerState): Explainer {
  return defineExplainer({
    name: METHOD,
    title: 'TimeX++ (amortised Bernoulli masks)',
    needsGradients: true,
    params: timexppParams,
    explain: (request) => explainWith(request, fitted),
  });
}

export const timexpp = timexppExplainer();

/** TimeX++ as an amortised method: fitted once per model, reference, parameters and seed (in process). */
export const timexppAmortised: AmortisedMethod<TimexppParams, TimexppExplainerState> = {
  method: METHOD,
  fitted: 'explainer',
  fit: (r, reference) =>
    fitOnce(r.model, reference, JSON.stringify([METHOD, r.params, r.seed]), () =>
      fitTimexpp(r.model, reference, r.params, r),
    ),
  maps: timexppMaps,
  params: (state) => state.params,
  diagnostics: (fit) => ({
    selectedEpoch: fit.selectedEpoch,
    lastBatchLossByEpoch: fit.epochs.map((e) => e.lastBatchLoss),
    meanLossByEpoch: fit.epochs.map((e) => e.meanLoss),
    meanPiByEpoch: fit.epochs.map((e) => e.meanPi),
    maskDensityByEpoch: fit.epochs.map((e) => e.maskDensity),
  }),
  targetsNote:
    "π keeps the model's whole output distribution (label consistency is a JSD); it does not depend on the targets",
};

function explainWith(
  request: ExplainRequest<TimexppParams>,
  given: TimexppExplainerState | undefined,
): Promise<Explanation> {
  return explainAmortised(request, given, timexppAmortised);
}
