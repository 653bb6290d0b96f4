import type { ExplanationMap, ExplanationSummary, ModelInfo } from '$api/contract';

/** A stored explanation's summary for the saliency tests: a [T, F] window, channels 0…F−1. */
export function explanationSummary(
  id: number,
  startSample: number,
  length: number,
  features: number,
  overrides: Partial<ExplanationSummary> = {},
): ExplanationSummary {
  return {
    id,
    recordId: 1,
    modelId: 'ecg-beat-cnn',
    modelSha256: 'abc',
    method: 'integrated-gradients',
    params: { nSteps: 50 },
    seed: 0,
    target: 2,
    channelIds: Array.from({ length: features }, (_, f) => 100 + f),
    channelIndices: Array.from({ length: features }, (_, f) => f),
    startSample,
    sampleCount: length,
    windowLength: length,
    featureCount: features,
    scale: 'signed',
    info: { runtimeMs: 10, windowsInBatch: 1 },
    jobId: 7,
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: 'tester',
    ...overrides,
  };
}

/** The same with its map: `rows` are the [T, F] values. */
export function explanationMap(
  id: number,
  startSample: number,
  rows: readonly (readonly number[])[],
  overrides: Partial<ExplanationSummary> = {},
): ExplanationMap {
  return {
    ...explanationSummary(id, startSample, rows.length, rows[0]?.length ?? 0, overrides),
    saliency: Float32Array.from(rows.flat()),
  };
}

/** The shipped beat classifier as `listModels` describes it: one-second windows at 360 Hz. */
export const beatModel: ModelInfo = {
  id: 'ecg-beat-cnn',
  name: 'ECG beat classifier',
  version: '1.0.0',
  task: 'classification',
  classNames: ['N', 'S', 'V'],
  outputKind: 'logits',
  windowLength: 360,
  samplingRateHz: 360,
  channelNames: ['MLII', 'V5'],
  sha256: 'abc',
  differentiable: true,
  forwardOnlyOps: [],
};
