import type { Tensor } from '../../engine';
import { cached, resolveTargets } from '../black-box';
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

async function explainWith(
  request: ExplainRequest<TimexppParams>,
  given: TimexppExplainerState | undefined,
): Promise<Explanation> {
  const started = performance.now();
  const notes: string[] = [];
  let state = given;
  if (!state) {
    if (!request.reference) notes.push('no reference data: the explainer was fitted on the explained windows');
    state = await fitted(request, request.reference ?? request.x);
  }
  const saliency = await timexppMaps(state, request.x);
  const targets = await resolveTargets(request.model, request.x, request.targets);
  notes.push(
    "π keeps the model's whole output distribution (label consistency is a JSD); it does not depend on the targets",
  );
  const fit = state.fit;
  return {
    saliency,
    scale: 'unit-mask',
    info: {
      method: METHOD,
      params: state.params,
      seed: state.seed,
      targets,
      steps: fit?.steps ?? 0,
      ...(fit ? { finalLosses: fit.finalLosses } : {}),
      runtimeMs: performance.now() - started,
      diagnostics: fit
        ? {
            selectedEpoch: fit.selectedEpoch,
            lastBatchLossByEpoch: fit.epochs.map((e) => e.lastBatchLoss),
            meanLossByEpoch: fit.epochs.map((e) => e.meanLoss),
            meanPiByEpoch: fit.epochs.map((e) => e.meanPi),
            maskDensityByEpoch: fit.epochs.map((e) => e.maskDensity),
          }
        : {},
      notes,
    },
  };
}

const fits = new WeakMap<Uint8Array, Map<string, Promise<TimexppExplainerState>>>();
const referenceIds = new WeakMap<Tensor, number>();

/** One fit per model, reference tensor, parameters and seed; a failed or cancelled fit is not kept. */
function fitted(request: ExplainRequest<TimexppParams>, reference: Tensor): Promise<TimexppExplainerState> {
  let id = referenceIds.get(reference);
  if (id === undefined) referenceIds.set(reference, (id = nextReferenceId++));
  const key = JSON.stringify([id, request.params, request.seed]);
  return cached(fits, request.model, key, () => fitTimexpp(request.model, reference, request.params, request));
}

let nextReferenceId = 0;
