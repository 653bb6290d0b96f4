import { z } from 'zod';
import type { TimeForwardGradients } from './causal-steps';
import { ExplainRun } from './explain-run';
import type { ExplainRequest } from './explainer';
import { gradientTargets } from './gradient';
import { quadrature, quadratureMethods } from './quadrature';
import { modelGradients } from './row-batches';
import type { GradientSource } from './row-batches';
import { baselineParam, baselineValues, windowShape } from './window-inputs';
import type { WindowShape } from './window-inputs';

/** The parameters of Integrated Gradients and its temporal variants (Captum's defaults). */
export const integratedGradientsParams = z.object({
  nSteps: z.number().int().min(1).default(50),
  method: z.enum(quadratureMethods).default('gausslegendre'),
  baseline: baselineParam.default('zero'),
  /** False drops the leading (x − b) factor (Captum's multiply_by_inputs). */
  multiplyByInputs: z.boolean().default(true),
  /** Rows per gradient batch: each batch holds max(1, ⌊S/B⌋) whole steps; default all steps at once. */
  internalBatchSize: z.number().int().min(1).optional(),
});
export type IntegratedGradientsParams = z.output<typeof integratedGradientsParams>;

export interface PathSpec {
  /** The model's gradients, or under the time-forward tunnel each step's own. */
  readonly source: GradientSource;
  /** The windows and their baselines, [B·T·F]. */
  readonly x: Float32Array;
  readonly b: Float32Array;
  readonly shape: WindowShape;
  /** Rows are the prefixes x[:, :length]. */
  readonly length: number;
  /** Time steps [from, to) go from the baseline to x along the path; the others keep x's values. */
  readonly from: number;
  readonly to: number;
  /** The explained class per window (info.targets). */
  readonly targets: readonly number[];
  readonly params: IntegratedGradientsParams;
}

/**
 * What the Integrated Gradients variants start with: a differentiable model (or the tunnel's
 * gradients, `tunnel`), the targets, the baselines, and progress planned for `paths(shape)` paths.
 * Returns the run and the spec's common part.
 */
export async function startPaths(
  request: ExplainRequest<IntegratedGradientsParams>,
  method: string,
  paths: (shape: WindowShape) => number,
  tunnel?: TimeForwardGradients,
): Promise<{ run: ExplainRun; common: Omit<PathSpec, 'length' | 'from' | 'to'> }> {
  const run = new ExplainRun(request, method);
  const { shape, targets } = tunnel
    ? { shape: windowShape(request.x), targets: [...tunnel.targets] }
    : await gradientTargets(request, method);
  const source = tunnel ?? modelGradients(request.model, targets);
  const b = baselineValues(request.params.baseline, shape, request.reference, method);
  run.plan(paths(shape) * pathBatches(request.params, shape.batch));
  const x = request.x.data as Float32Array;
  return { run, common: { source, x, b, shape, targets, params: request.params } };
}

function stepsPerBatch(params: IntegratedGradientsParams, batch: number): number {
  const { nSteps, internalBatchSize } = params;
  return internalBatchSize === undefined ? nSteps : Math.max(1, Math.floor(internalBatchSize / batch));
}

/** Gradient batches one `integratePath` runs. */
function pathBatches(params: IntegratedGradientsParams, batch: number): number {
  return Math.ceil(params.nSteps / stepsPerBatch(params, batch));
}

/**
 * Σ_k w_k ∇f_t(point k of the path) for every cell of the prefixes, [B·length·F], with Captum's
 * quadrature. The n·B path points are laid out alpha-major (row k·B + i is step k of window i)
 * and run in batches of whole steps; Captum multiplies by the weights in float32, and so does this.
 */
export async function integratePath(spec: PathSpec, run: ExplainRun): Promise<Float64Array> {
  const { x, b, shape, length, from, to, params } = spec;
  const { alphas, weights } = quadrature(params.method, params.nSteps);
  const B = shape.batch;
  const F = shape.features;
  const size = shape.time * F;
  const rowSize = length * F;
  const sum = new Float64Array(B * rowSize);
  await spec.source.gradients(
    {
      rows: params.nSteps * B,
      shape: { ...shape, time: length },
      batchRows: stepsPerBatch(params, B) * B,
      fill: (row, into, offset) => {
        const alpha = alphas[Math.floor(row / B)] ?? 0;
        const start = (row % B) * size;
        into.set(x.subarray(start, start + rowSize), offset);
        for (let j = from * F; j < to * F; j++) {
          const base = b[start + j] ?? 0;
          into[offset + j] = base + alpha * ((x[start + j] ?? 0) - base);
        }
      },
      seed: (row, step) => ({
        target: spec.source.target(row % B, step),
        weight: Math.fround(weights[Math.floor(row / B)] ?? 0),
      }),
      take: (row, g, offset) => {
        const at = (row % B) * rowSize;
        for (let j = 0; j < rowSize; j++) sum[at + j] = (sum[at + j] ?? 0) + (g[offset + j] ?? 0);
      },
    },
    run,
  );
  return sum;
}

/** The attributions of cells [B·length·F]: the path sums times (x − b), or alone without multiplyByInputs. */
export function pathAttributions(spec: PathSpec, sums: Float64Array): Float32Array {
  const { x, b, shape, length, params } = spec;
  const rowSize = length * shape.features;
  const size = shape.time * shape.features;
  return Float32Array.from(sums, (s, j) => {
    const cell = Math.floor(j / rowSize) * size + (j % rowSize);
    return params.multiplyByInputs ? s * ((x[cell] ?? 0) - (b[cell] ?? 0)) : s;
  });
}
