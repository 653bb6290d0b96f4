import { tensor } from '../engine';
import type { Tensor } from '../engine';
import type { ExplainRequest, Explainer, Explanation } from './explainer';
import { causalSteps, timeForwardGradients } from './causal-steps';
import type { CausalSteps } from './causal-steps';
import { deepLiftParams, explainDeepLiftSteps } from './deeplift';
import { explainGradientShap, gradientShapParams } from './gradient-shap';
import { explainIntegratedGradients } from './integrated-gradients';
import { integratedGradientsParams } from './integrated-path';
import { seededSource } from './random-source';
import { prefixModel } from './time-forward-tunnel';
import { windowShape } from './window-inputs';

/**
 * tint's TimeForwardTunnel around any explainer (attribution_metrics.md §1.5), as ContraLSP's
 * State/Switch scripts wrap IG, GradientSHAP and DeepLift: for t = 1…T the inner method explains
 * the prefix x[:, :t] (reference rows cut to [:, :t] as well), and out[:, t − 1] keeps the last
 * step of that attribution. Without given targets each prefix explains its own predicted class
 * (task "binary"/"multiclass"). The model must be a classifier of the prefix's end, [B, K], for
 * every prefix length: a per-time classifier goes through `lastStepView` first.
 * (FO and AFO have this loop built in, `explainTimeForward`, occluding only the last step.)
 * IG, GradientSHAP and DeepLift on a model that decomposes into steps (one forward GRU or RNN) get
 * the same kept entries in one pass over the series (`causal-steps.ts`): about T/2 times less work.
 */
export function timeForward(inner: Explainer): Explainer {
  const name = `${inner.name}-time-forward`;
  return {
    name,
    title: `${inner.title} (time-forward tunnel)`,
    needsGradients: inner.needsGradients,
    parseParams: (raw) => inner.parseParams(raw),
    async explain(request) {
      const oneStep = oneStepMethods[inner.name];
      // Parameters first: a bad one is refused before any model runs.
      const params = inner.parseParams(request.params);
      const causal = oneStep ? await causalSteps(request) : undefined;
      if (oneStep && typeof causal === 'object') {
        const explained = await oneStep(params, request, causal);
        return {
          ...explained,
          info: { ...explained.info, method: name, notes: [ONE_PASS, ...(explained.info.notes ?? [])] },
        };
      }
      const explained = await explainPrefixes(name, inner, request);
      return typeof causal === 'string'
        ? { ...explained, info: { ...explained.info, notes: [`one prefix at a time: ${causal}`] } }
        : explained;
    },
  };
}

const ONE_PASS =
  'time-forward tunnel in one pass over the series: the model decomposes into steps, so each prefix’s kept entry is one step’s, from its own state';

type OneStep = (
  params: Readonly<Record<string, unknown>>,
  request: ExplainRequest<unknown>,
  causal: CausalSteps,
) => Promise<Explanation>;

/** The methods whose tunnel runs in one pass where the model decomposes into steps (`causal-steps.ts`). */
const oneStepMethods: Readonly<Record<string, OneStep>> = {
  'integrated-gradients': async (params, request, causal) =>
    explainIntegratedGradients(
      { ...request, params: integratedGradientsParams.parse(params) },
      await timeForwardGradients(request, causal, 'integrated-gradients'),
    ),
  'gradient-shap': async (params, request, causal) =>
    explainGradientShap(
      { ...request, params: gradientShapParams.parse(params) },
      seededSource(request.seed),
      await timeForwardGradients(request, causal, 'gradient-shap'),
    ),
  deeplift: (params, request, causal) =>
    explainDeepLiftSteps({ ...request, params: deepLiftParams.parse(params) }, causal),
};

async function explainPrefixes(name: string, inner: Explainer, request: ExplainRequest<unknown>): Promise<Explanation> {
  const started = performance.now();
  const { batch, time, features } = windowShape(request.x);
  const attr = new Float32Array(batch * time * features);
  const targetsPerTime: number[] = [];
  let steps = 0;
  let last: Explanation | undefined;
  for (let t = 1; t <= time; t++) {
    request.cancel?.throwIfCancelled();
    last = await inner.explain({
      model: prefixModel(request.model),
      x: prefix(request.x, t),
      params: request.params,
      seed: prefixSeed(request.seed, t),
      ...(request.targets ? { targets: request.targets } : {}),
      ...(request.reference ? { reference: prefix(request.reference, t) } : {}),
      ...(request.cancel ? { cancel: request.cancel } : {}),
    });
    const map = last.saliency.data as Float32Array;
    for (let i = 0; i < batch; i++) {
      attr.set(map.subarray((i * t + t - 1) * features, (i * t + t) * features), (i * time + t - 1) * features);
    }
    targetsPerTime.push(...last.info.targets);
    steps += last.info.steps;
    request.onProgress?.({ step: t, steps: time, phase: `time-forward tunnel (${inner.name})` });
  }
  return {
    saliency: tensor('float32', request.x.shape, attr),
    scale: last?.scale ?? 'signed',
    info: {
      method: name,
      params: last?.info.params ?? {},
      seed: request.seed,
      targets: last?.info.targets ?? [],
      steps,
      runtimeMs: performance.now() - started,
      diagnostics: { targetsPerTime },
    },
  };
}

/** x[:, :t] of a [N, T, F] tensor. */
function prefix(x: Tensor, t: number): Tensor {
  const [rows = 0, time = 0, features = 0] = x.shape;
  const data = x.data as Float32Array;
  const out = new Float32Array(rows * t * features);
  for (let i = 0; i < rows; i++)
    out.set(data.subarray(i * time * features, (i * time + t) * features), i * t * features);
  return tensor('float32', [rows, t, features], out);
}

/** A distinct seed per prefix, as the PyTorch loop draws on from one generator. */
function prefixSeed(seed: number, t: number): number {
  return (Math.imul(seed, 0x9e3779b1) + t) >>> 0;
}
