import { z } from 'zod';
import { tensor } from '../engine';
import { requireGradients, resolveTargets } from './black-box';
import { ExplainRun } from './explain-run';
import type { ExplainRequest } from './explainer';
import { defineExplainer } from './explainer';
import { batchCount, gradientRows } from './row-batches';
import { targetOf, windowShape } from './window-inputs';
import type { WindowShape } from './window-inputs';

/** What every gradient method starts with: the windows' shape, a model it can differentiate, the targets. */
export async function gradientTargets(
  request: ExplainRequest<unknown>,
  method: string,
): Promise<{ shape: WindowShape; targets: number[] }> {
  const shape = windowShape(request.x);
  await requireGradients(request.model, request.x.shape, method);
  return { shape, targets: await resolveTargets(request.model, request.x, request.targets) };
}

/** ∂f_target/∂x at the windows themselves, [B·T·F] (Captum's Saliency with abs=False). */
export async function gradientAtInput(
  request: ExplainRequest<unknown>,
  method: string,
  run: ExplainRun,
): Promise<{ gradient: Float32Array; targets: number[] }> {
  const { shape, targets } = await gradientTargets(request, method);
  const x = request.x.data as Float32Array;
  const size = shape.time * shape.features;
  const gradient = new Float32Array(x.length);
  const plan = {
    rows: shape.batch,
    shape,
    fill: (row: number, into: Float32Array, offset: number) =>
      into.set(x.subarray(row * size, (row + 1) * size), offset),
    seed: (row: number) => ({ target: targetOf(targets, row), weight: 1 }),
    take: (row: number, g: Float32Array, offset: number) => gradient.set(g.subarray(offset, offset + size), row * size),
  };
  run.plan(batchCount(plan));
  await gradientRows(request.model, plan, run);
  return { gradient, targets };
}

/** Saliency (Captum `Saliency`): the gradient of the explained output, by default its magnitude. */
export const gradient = defineExplainer({
  name: 'gradient',
  title: 'Gradient (saliency)',
  needsGradients: true,
  params: z.object({
    /** |∂f/∂x| as Captum's default; false gives the signed gradient. */
    abs: z.boolean().default(true),
  }),
  async explain(request) {
    const run = new ExplainRun(request, 'gradient');
    const { gradient: g, targets } = await gradientAtInput(request, 'gradient', run);
    if (request.params.abs) g.forEach((v, i) => (g[i] = Math.abs(v)));
    return {
      saliency: tensor('float32', request.x.shape, g),
      scale: request.params.abs ? 'non-negative' : 'signed',
      info: run.info('gradient', targets),
    };
  },
});
