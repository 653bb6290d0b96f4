import { explainAmortised, fitOnce } from '../amortised';
import type { AmortisedMethod } from '../amortised';
import { defineExplainer } from '../explainer';
import type { Explainer } from '../explainer';
import { timexppMaps } from '../timexpp/read-out';
import { fitTimex } from './fit';
import type { TimexExplainerState } from './fit';
import { timexParams } from './presets';
import type { TimexParams } from './presets';

const METHOD = 'timex';

/** TimeX as an amortised method: fitted once per model, reference, parameters and seed (in process). */
export const timexAmortised: AmortisedMethod<TimexParams, TimexExplainerState> = {
  method: METHOD,
  fitted: 'explainer',
  fit: (r, reference) =>
    fitOnce(r.model, reference, JSON.stringify([METHOD, r.params, r.seed]), () =>
      fitTimex(r.model, reference, r.params, r),
    ),
  maps: timexppMaps,
  params: (state) => state.params,
  diagnostics: (fit) => ({
    selectedEpoch: fit.selectedEpoch,
    validationRows: fit.validationRows,
    validationMetricByEpoch: fit.epochs.map((e) => e.metric),
    meanLossByEpoch: fit.epochs.map((e) => e.meanLoss),
    meanPiByEpoch: fit.epochs.map((e) => e.meanPi),
    maskDensityByEpoch: fit.epochs.map((e) => e.maskDensity),
  }),
  targetsNote:
    "π matches the model's embeddings and output distribution (MBC and label consistency); it does not depend on the targets",
};

/**
 * TimeX (Queen et al., NeurIPS 2023; timexpp.md §8), TimeX++'s predecessor: the mask reaches a
 * trainable copy of the black box through its attention (and, for several channels, its input),
 * and is trained to keep the copy's embeddings consistent with the model's. It needs the model's
 * weights (a copy is trained) and a pooled embedding (see trainable-copy.ts). Explaining with a
 * fitted explainer is one forward pass of its mask generator.
 */
export function timexExplainer(fitted?: TimexExplainerState): Explainer {
  return defineExplainer({
    name: METHOD,
    title: 'TimeX (attention-masked copy, embedding consistency)',
    needsGradients: true,
    params: timexParams,
    explain: (request) => explainAmortised(request, fitted, timexAmortised),
  });
}

export const timex = timexExplainer();
