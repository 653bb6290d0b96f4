import { z } from 'zod';
import { tensor } from '../engine';
import { resolveTargets } from './black-box';
import { ExplainRun } from './explain-run';
import type { ExplainRequest, Explanation } from './explainer';
import { defineExplainer } from './explainer';
import { occlude, occlusionBatchRows, occlusionRows, windowRanges } from './occlusion-core';
import type { Replacement } from './occlusion-core';
import { seededSource } from './random-source';
import type { RandomSource } from './random-source';
import { batchCount } from './row-batches';
import { baselineParam, baselineValues, referenceRows, windowShape } from './window-inputs';
import type { WindowShape } from './window-inputs';

const pair = z.tuple([z.number().int().min(1), z.number().int().min(1)]);

const params = z.object({
  /** [time, features] cells replaced at once. */
  window: pair.default([1, 1]),
  strides: pair.default([1, 1]),
  /**
   * What goes into the window: a baseline (see `baselineParam`), or 'sampled': the same cells of a
   * reference row drawn at random, nSampling times per window (tint's AugmentedOcclusion).
   */
  baseline: z.union([baselineParam, z.literal('sampled')]).default('zero'),
  nSampling: z.number().int().min(1).default(1),
  /** 'abs' averages |Δ| instead of Δ (tint's attributions_fn=abs). */
  attributionsFn: z.enum(['none', 'abs']).default('none'),
  internalBatchSize: occlusionBatchRows,
});
export type OcclusionParams = z.output<typeof params>;

/**
 * Occlusion (Captum `Occlusion` = tint `Occlusion`): a window slides over time and features with
 * the given strides (the last one clipped at the border); each cell gets the mean over the windows
 * covering it of f_t(x) − f_t(x with the window replaced). Forward-only: any model.
 */
export const occlusion = defineExplainer({
  name: 'occlusion',
  title: 'Occlusion',
  needsGradients: false,
  params,
  explain: (request) => explainOcclusion(request, seededSource(request.seed)),
});

/** Occlusion with the draws of the 'sampled' baseline taken from `random`. */
export async function explainOcclusion(
  request: ExplainRequest<OcclusionParams>,
  random: RandomSource,
): Promise<Explanation> {
  const { window, strides, attributionsFn, internalBatchSize } = request.params;
  const run = new ExplainRun(request, 'occlusion');
  const shape = windowShape(request.x);
  const times = windowRanges(shape.time, window[0], strides[0], 'time');
  const features = windowRanges(shape.features, window[1], strides[1], 'feature');
  // Captum decodes the flat window index with the first dimension varying fastest.
  const windows = features.flatMap((f) => times.map((t) => ({ time: t, features: f })));
  const replacement = occlusionReplacement(request, shape, random);
  const targets = await resolveTargets(request.model, request.x, request.targets);
  run.plan(batchCount({ rows: occlusionRows({ shape, windows, replacement }), batchRows: internalBatchSize }));
  const { attr } = await occlude(
    {
      box: request.model,
      x: request.x.data as Float32Array,
      shape,
      length: shape.time,
      windows,
      targets,
      replacement,
      abs: attributionsFn === 'abs',
      batchRows: internalBatchSize,
    },
    run,
  );
  return {
    saliency: tensor('float32', request.x.shape, attr),
    scale: attributionsFn === 'abs' ? 'non-negative' : 'signed',
    info: run.info('occlusion', targets, { diagnostics: { windows: windows.length } }),
  };
}

function occlusionReplacement(
  request: ExplainRequest<OcclusionParams>,
  shape: WindowShape,
  random: RandomSource,
): Replacement {
  const { baseline, nSampling } = request.params;
  if (baseline !== 'sampled') {
    return { kind: 'baseline', values: baselineValues(baseline, shape, request.reference, 'occlusion') };
  }
  const data = referenceRows(request.reference, shape, "occlusion with baseline 'sampled'");
  return { kind: 'sampled', data, nSampling, random };
}
