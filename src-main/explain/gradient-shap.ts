import { z } from 'zod';
import { tensor } from '../engine';
import type { TimeForwardGradients } from './causal-steps';
import { convergenceDelta } from './convergence-delta';
import { ExplainRun } from './explain-run';
import type { ExplainInfo, ExplainRequest, Explanation } from './explainer';
import { defineExplainer } from './explainer';
import { gradientTargets } from './gradient';
import { seededSource } from './random-source';
import type { RandomSource } from './random-source';
import { batchCount, modelGradients } from './row-batches';
import { referenceRows, targetOf, windowShape } from './window-inputs';

export const gradientShapParams = z.object({
  nSamples: z.number().int().min(1).default(5),
  /** Standard deviation of the Gaussian noise added to each expanded input. */
  stdevs: z.number().min(0).default(0),
  /** False drops the (x̃ − b) factor (Captum's multiply_by_inputs). */
  multiplyByInputs: z.boolean().default(true),
  /** Rows per gradient batch; default all B·nSamples rows at once. */
  internalBatchSize: z.number().int().min(1).optional(),
});
export type GradientShapParams = z.output<typeof gradientShapParams>;

/**
 * GradientSHAP (Captum `GradientShap`): each window is expanded example-major into nSamples rows
 * (row i·n + s is sample s of window i); row r gets noise, a baseline b_r drawn with replacement
 * from the reference rows and α_r ~ U(0, 1), and attr_r = (x̃_r − b_r) ⊙ ∇f_t(b_r + α_r (x̃_r − b_r)).
 * A window's attribution is the mean of its rows; the delta is reported per expanded row.
 */
export const gradientShap = defineExplainer({
  name: 'gradient-shap',
  title: 'GradientSHAP',
  needsGradients: true,
  params: gradientShapParams,
  explain: (request) => explainGradientShap(request, seededSource(request.seed)),
});

/**
 * GradientSHAP with the random draws taken from `random`: baseline indices, then noise, then α
 * (Captum's order). With `tunnel`, of each step's own output at that step (the time-forward
 * tunnel's GradientSHAP: a prefix's draws are the prefixes of the series' draws, shared by all
 * steps where the prefix loop draws anew for each; every step's draws have the same distribution).
 */
export async function explainGradientShap(
  request: ExplainRequest<GradientShapParams>,
  random: RandomSource,
  tunnel?: TimeForwardGradients,
): Promise<Explanation> {
  const { nSamples: n, stdevs, multiplyByInputs, internalBatchSize } = request.params;
  const run = new ExplainRun(request, 'gradient shap');
  const shape = windowShape(request.x);
  const reference = referenceRows(request.reference, shape, 'gradient-shap (its baselines)');
  const targets = tunnel ? [...tunnel.targets] : (await gradientTargets(request, 'gradient-shap')).targets;
  const source = tunnel ?? modelGradients(request.model, targets);
  const size = shape.time * shape.features;
  const rows = shape.batch * n;
  const x = request.x.data as Float32Array;

  const baselineIndex = Array.from({ length: rows }, () => random.index(reference.length / size));
  const noise = stdevs > 0 ? random.normal(rows * size) : undefined;
  const alpha = Array.from({ length: rows }, () => random.uniform());
  const inputs = new Float32Array(rows * size);
  const baselines = new Float32Array(rows * size);
  for (let r = 0; r < rows; r++) {
    const from = Math.floor(r / n) * size;
    const b = (baselineIndex[r] ?? 0) * size;
    for (let j = 0; j < size; j++) inputs[r * size + j] = (x[from + j] ?? 0) + stdevs * (noise?.[r * size + j] ?? 0);
    baselines.set(reference.subarray(b, b + size), r * size);
  }

  const rowAttr = new Float32Array(rows * size);
  const plan = {
    rows,
    shape,
    ...(internalBatchSize === undefined ? {} : { batchRows: internalBatchSize }),
    fill: (row: number, into: Float32Array, offset: number) => {
      const a = alpha[row] ?? 0;
      for (let j = row * size, k = offset; j < (row + 1) * size; j++, k++) {
        into[k] = (baselines[j] ?? 0) + a * ((inputs[j] ?? 0) - (baselines[j] ?? 0));
      }
    },
    seed: (row: number, step: number) => ({ target: source.target(Math.floor(row / n), step), weight: 1 }),
    take: (row: number, g: Float32Array, offset: number) => {
      for (let j = row * size, k = offset; j < (row + 1) * size; j++, k++) {
        rowAttr[j] = (g[k] ?? 0) * (multiplyByInputs ? (inputs[j] ?? 0) - (baselines[j] ?? 0) : 1);
      }
    },
  };
  run.plan(batchCount(plan));
  await source.gradients(plan, run);

  const attr = new Float32Array(x.length);
  for (let r = 0; r < rows; r++) {
    const to = Math.floor(r / n) * size;
    for (let j = 0; j < size; j++) attr[to + j] = (attr[to + j] ?? 0) + (rowAttr[r * size + j] ?? 0) / n;
  }
  const example = (row: number) => targetOf(targets, Math.floor(row / n));
  const rowShape = { ...shape, batch: rows };
  const diagnostics: ExplainInfo['diagnostics'] = tunnel
    ? { targetsPerTime: tunnel.targetsPerTime }
    : {
        delta: await convergenceDelta(request.model, rowShape, rowAttr, inputs, baselines, example, internalBatchSize),
      };
  return {
    saliency: tensor('float32', request.x.shape, attr),
    scale: 'signed',
    info: run.info('gradient-shap', targets, { diagnostics }),
  };
}
