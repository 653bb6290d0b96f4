import { z } from 'zod';
import { tensor } from '../engine';
import { resolveTargets } from './black-box';
import { causalSteps, lastStepEvaluator } from './causal-steps';
import type { BlackBox } from './black-box';
import { ExplainRun } from './explain-run';
import type { ExplainRequest, Explanation } from './explainer';
import { occlude, occlusionBatchRows, occlusionRows, windowRanges } from './occlusion-core';
import type { Replacement } from './occlusion-core';
import { batchCount } from './row-batches';
import { windowShape } from './window-inputs';
import type { WindowShape } from './window-inputs';

/** The parameters FO and AFO share. */
export const tunnelParams = {
  /** Features occluded together at each time step, and their stride. */
  window: z.number().int().min(1).default(1),
  stride: z.number().int().min(1).default(1),
  internalBatchSize: occlusionBatchRows,
};
type TunnelParams = z.output<z.ZodObject<typeof tunnelParams>>;

/**
 * The model as one prefix length sees it. Every prefix length is a shape of its own, used once: a
 * fresh view of the model's bytes keys the per-shape caches (imported graph, programs) to this
 * prefix, so they are freed after it, and its programs run without ONNX Runtime's memory arena,
 * whose blocks would otherwise stay with the process for every one of the T shapes.
 */
export function prefixModel(model: BlackBox): BlackBox {
  return { ...model, onnx: model.onnx.subarray(), programOptions: { ...model.programOptions, memoryArena: false } };
}

const ONE_STEP =
  'time-forward occlusion one step at a time: the model decomposes into steps, so each prefix runs only its occluded last step, from its state';

/**
 * tint's TimeForwardTunnel over temporal occlusion (FO, and AFO with sampled replacements): for each
 * prefix x[:, :t], only x[:, t−1, W] is occluded for each feature window W, and
 * out[:, t−1, f] = mean over the windows W ∋ f of |f_c(prefix) − f_c(prefix with W replaced)|,
 * where c is the given target, or else the prefix's own predicted class (task "binary"/"multiclass").
 * The model must accept every prefix length. Where it decomposes into steps (one forward GRU or
 * RNN, `causalSteps`), prefix t's rows differ from the window only at their last step, so only that
 * step is run, from the window's state before it: the same outputs without running every prefix.
 */
export async function explainTimeForward(
  method: string,
  request: ExplainRequest<TunnelParams>,
  /** What replaces x[:, t−1, window]: values indexed like the full windows. */
  replacementOf: (shape: WindowShape) => Replacement,
): Promise<Explanation> {
  const { window, stride, internalBatchSize: batchRows } = request.params;
  const run = new ExplainRun(request, method);
  const shape = windowShape(request.x);
  const x = request.x.data as Float32Array;
  const given =
    request.targets === undefined && request.model.output !== 'values'
      ? undefined
      : await resolveTargets(request.model, request.x, request.targets);
  const features = windowRanges(shape.features, window, stride, 'feature');
  const replacement = replacementOf(shape);
  const rows = occlusionRows({ shape, windows: features, replacement });
  const causal = await causalSteps(request);
  const onePass = typeof causal === 'string' ? undefined : causal;
  run.plan(shape.time * (onePass ? 1 : batchCount({ rows, batchRows })));
  const attr = new Float32Array(x.length);
  const targetsPerTime: number[] = [];
  const F = shape.features;
  for (let t = 1; t <= shape.time; t++) {
    const prefix = await occlude(
      {
        box: onePass ? request.model : prefixModel(request.model),
        ...(onePass ? { evaluate: lastStepEvaluator(onePass, t) } : {}),
        x,
        shape,
        length: t,
        windows: features.map((f) => ({ time: [t - 1, t] as const, features: f })),
        targets: given ?? 'argmax',
        replacement,
        abs: true,
        batchRows,
      },
      run,
    );
    targetsPerTime.push(...prefix.targets);
    for (let i = 0; i < shape.batch; i++) {
      attr.set(prefix.attr.subarray((i * t + t - 1) * F, (i * t + t) * F), (i * shape.time + t - 1) * F);
    }
  }
  return {
    saliency: tensor('float32', request.x.shape, attr),
    scale: 'non-negative',
    info: run.info(method, given ?? targetsPerTime.slice(-shape.batch), {
      diagnostics: { targetsPerTime, windows: features.length },
      notes: [onePass ? ONE_STEP : `one prefix at a time: ${causal as string}`],
    }),
  };
}
