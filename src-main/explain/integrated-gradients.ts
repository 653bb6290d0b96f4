import { z } from 'zod';
import { tensor } from '../engine';
import { ExplainRun } from './explain-run';
import { defineExplainer } from './explainer';
import { convergenceDelta } from './convergence-delta';
import { gradientTargets } from './gradient';
import { quadrature, quadratureMethods } from './quadrature';
import { batchCount, gradientRows } from './row-batches';
import { baselineParam, baselineValues, targetOf } from './window-inputs';

/**
 * Integrated Gradients (Captum `IntegratedGradients`):
 * attr = (x − b) ⊙ Σ_k w_k ∇f_t(b + α_k (x − b)). The n·B interpolated rows are laid out
 * alpha-major (row k·B + i is step k of window i) and run in chunks of whole steps; the
 * convergence delta Σ attr − (f_t(x) − f_t(b)) is reported per window.
 */
export const integratedGradients = defineExplainer({
  name: 'integrated-gradients',
  title: 'Integrated Gradients',
  needsGradients: true,
  params: z.object({
    nSteps: z.number().int().min(1).default(50),
    method: z.enum(quadratureMethods).default('gausslegendre'),
    baseline: baselineParam.default('zero'),
    /** False drops the leading (x − b) factor (Captum's multiply_by_inputs). */
    multiplyByInputs: z.boolean().default(true),
    /** Rows per gradient batch: each batch holds max(1, ⌊S/B⌋) whole steps; default all steps at once. */
    internalBatchSize: z.number().int().min(1).optional(),
  }),
  async explain(request) {
    const { nSteps, method, baseline, multiplyByInputs, internalBatchSize } = request.params;
    const run = new ExplainRun(request, 'integrated gradients');
    const { shape, targets } = await gradientTargets(request, 'integrated-gradients');
    const { alphas, weights } = quadrature(method, nSteps);
    const x = request.x.data as Float32Array;
    const b = baselineValues(baseline, shape, request.reference, 'integrated-gradients');
    const size = shape.time * shape.features;
    const B = shape.batch;
    const sum = new Float64Array(x.length);
    const stepsPerBatch = internalBatchSize === undefined ? nSteps : Math.max(1, Math.floor(internalBatchSize / B));
    const plan = {
      rows: nSteps * B,
      shape,
      batchRows: stepsPerBatch * B,
      fill: (row: number, into: Float32Array, offset: number) => {
        const alpha = alphas[Math.floor(row / B)] ?? 0;
        const from = (row % B) * size;
        for (let j = 0; j < size; j++) {
          const base = b[from + j] ?? 0;
          into[offset + j] = base + alpha * ((x[from + j] ?? 0) - base);
        }
      },
      // Captum multiplies by the step sizes in float32.
      seed: (row: number) => ({
        target: targetOf(targets, row % B),
        weight: Math.fround(weights[Math.floor(row / B)] ?? 0),
      }),
      take: (row: number, g: Float32Array, offset: number) => {
        const to = (row % B) * size;
        for (let j = 0; j < size; j++) sum[to + j] = (sum[to + j] ?? 0) + (g[offset + j] ?? 0);
      },
    };
    run.plan(batchCount(plan));
    await gradientRows(request.model, plan, run);
    const attr = Float32Array.from(sum, (s, i) => (multiplyByInputs ? s * ((x[i] ?? 0) - (b[i] ?? 0)) : s));
    const delta = await convergenceDelta(request.model, shape, attr, x, b, (row) => targetOf(targets, row));
    return {
      saliency: tensor('float32', request.x.shape, attr),
      scale: 'signed',
      info: run.info('integrated-gradients', targets, { diagnostics: { delta } }),
    };
  },
});
