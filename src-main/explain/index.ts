/**
 * Explainers: one file per method on one interface (`explainer.ts`), run on the engine.
 * `black-box.ts` adapts the model being explained; `registry.ts` lists the methods by name.
 */
export type {
  CancelCheck,
  ExplainInfo,
  ExplainProgress,
  ExplainRequest,
  Explainer,
  Explanation,
  SaliencyScale,
} from './explainer';
export { defineExplainer } from './explainer';
export type { BlackBox } from './black-box';
export { blackBoxOf, forward, resolveTargets } from './black-box';
export { explainers, findExplainer } from './registry';
export {
  explainRecordWindows,
  type RecordExplanationRequest,
  type RecordExplanationResult,
} from './record-explanation';
export { modelInput } from './model-input';
