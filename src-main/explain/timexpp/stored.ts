import type { NewFittedExplainer } from '../../store/fitted-explainers';
import type { TimexppExplainerState } from './fit';
import { exportTimexppOnnx } from './read-out';

/**
 * A fitted TimeX++ explainer as the study stores it (migration 008): its forward pass as ONNX,
 * the parameters and seed that made it, and the fit's report as metrics. Reading it back needs
 * only the bytes: `onnxMaps(stored.onnx, x)` explains any window of the model.
 */
export function fittedExplainerRecord(
  state: TimexppExplainerState,
  model: { readonly id: string; readonly sha256: string },
  evaluation: Readonly<Record<string, unknown>> = {},
): NewFittedExplainer {
  const fit = state.fit;
  return {
    modelId: model.id,
    modelSha256: model.sha256,
    method: 'timexpp',
    params: state.params,
    seed: state.seed,
    onnx: exportTimexppOnnx(state),
    metrics: {
      ...(fit
        ? {
            selectedEpoch: fit.selectedEpoch,
            steps: fit.steps,
            trainingRows: fit.trainingRows,
            seconds: fit.seconds,
            finalLosses: fit.finalLosses,
            epochs: fit.epochs,
          }
        : {}),
      ...evaluation,
    },
  };
}
