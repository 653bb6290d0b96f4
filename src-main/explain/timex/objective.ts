import { Tracer } from '../../engine';
import type { ImportedModel, Tensor, Traced } from '../../engine';
import { AppError } from '../../errors';
import { linear, noDropout } from '../../models/training/transformer-layers';
import { fedDropout } from '../ib-policy';
import type { PolicyArchitecture } from '../ib-policy';
import { bernoulliPriorKl, connectivity } from '../timexpp/losses';
import { maskProbabilities } from '../timexpp/network';
import { sampleMask } from '../timexpp/sampling';
import { behaviourConsistency, labelConsistency, matchedLandmarks } from './losses';
import type { TimexParams } from './presets';
import { callTrainableCopy } from './trainable-copy';
import type { CopyPlan } from './trainable-copy';

/**
 * One TimeX step's graph (timexpp.md §8) for a batch of `batch` windows: π = g(X, h(X)), M by the
 * straight-through sampler; the trainable copy f_E reads X (D = 1) or M ⊙ X + (1 − M) ⊙ b (D > 1)
 * with A_m = m mᵀ after each attention softmax (m = M, or hardtanh(Σ_d M) for D > 1); its embedding
 * z_E gives ŷ_E through a new head and is matched to a landmark. The frozen black box's embedding
 * z_f and ln softmax f(X) are fed, computed once per window (the imported model has no dropout).
 * L = w (L_M + λ L_con) + L_MBC + L_MBC,landmarks + L_LC.
 */

export const FEEDS = {
  x: 'x',
  noise: 'timex.gumbelDifference',
  baseline: 'timex.baseline',
  modelEmbedding: 'timex.modelEmbedding',
  modelLogProbabilities: 'timex.modelLogProbabilities',
  landmarkNoise: 'timex.landmarkGumbel',
} as const;

/** The embedding head's and the landmarks' parameter names. */
export const PREDICTOR = 'zPredictor';
export const LANDMARKS = 'landmarks';

export interface TimexObjectiveInputs {
  readonly arch: PolicyArchitecture;
  readonly params: TimexParams;
  readonly batch: number;
  readonly classes: number;
  readonly values: ReadonlyMap<string, Tensor>;
  /** The black box specialised to [batch, T, D] and where its copy reads the mask. */
  readonly model: ImportedModel;
  readonly plan: CopyPlan;
  /** Training draws dropout masks for h and g (fed); evaluation runs without. */
  readonly mode: 'train' | 'evaluate';
}

export interface TimexObjective {
  readonly loss: Traced;
  readonly params: Traced[];
  readonly outputs: Record<string, Traced>;
  /** The terms of the selection metric −(L_MBC + L_LC). */
  readonly selection: { readonly behaviour: Traced; readonly labelConsistency: Traced };
}

export function traceTimexObjective(inputs: TimexObjectiveInputs): TimexObjective {
  const { arch, params: p, batch, plan } = inputs;
  const g = new Tracer();
  const shape = [batch, arch.time, arch.features];
  const x = g.input(FEEDS.x, 'float32', shape);
  const params = new Map([...inputs.values].map(([name, value]) => [name, g.param(name, value)]));
  const value = (name: string): Traced => {
    const found = params.get(name);
    if (!found) throw new AppError('internal', `the TimeX explainer has no parameter '${name}'`);
    return found;
  };
  const dropout = inputs.mode === 'train' ? fedDropout(arch, batch) : noDropout;
  const pi = maskProbabilities(x, value, arch, dropout);
  const { mask } = sampleMask(pi, g.input(FEEDS.noise, 'float32', shape), { tau: p.tau, straightThrough: true });

  let masked = x;
  let perStep = mask;
  if (arch.features > 1) {
    const baseline = g.input(FEEDS.baseline, 'float32', shape);
    masked = mask.mul(x).add(mask.neg().add(1).mul(baseline));
    perStep = mask.reduceSum([2], { keepdims: true }).clip(-1, 1);
  }
  const attentionMask = perStep.matmul(perStep.transpose([0, 2, 1]));
  const explained = callTrainableCopy(g, inputs.model, plan, masked, value, attentionMask);
  const predicted = linear(linear(explained, value, `${PREDICTOR}.hidden`).relu(), value, `${PREDICTOR}.out`);

  const modelEmbedding = g.input(FEEDS.modelEmbedding, 'float32', [batch, plan.width]);
  const modelLogP = g.input(FEEDS.modelLogProbabilities, 'float32', [batch, inputs.classes]);
  const landmarks = value(LANDMARKS);
  const matched = matchedLandmarks(
    explained,
    landmarks,
    g.input(FEEDS.landmarkNoise, 'float32', [batch, landmarks.shape[0] ?? 1]),
    p.landmarkTau,
  );
  const terms = {
    compactness: bernoulliPriorKl(pi, p.r),
    connectivity: connectivity(pi),
    behaviour: behaviourConsistency(modelEmbedding, explained, p.normalizeDistance),
    landmarkBehaviour: behaviourConsistency(modelEmbedding, matched, p.normalizeDistance),
    labelConsistency: labelConsistency(predicted.logSoftmax(-1), modelLogP),
  };
  const loss = terms.compactness
    .add(terms.connectivity.mul(p.lambda))
    .mul(p.maskWeight)
    .add(terms.behaviour)
    .add(terms.landmarkBehaviour)
    .add(terms.labelConsistency);
  return {
    loss,
    params: [...params.values()],
    outputs: { ...terms, pi, mask },
    selection: { behaviour: terms.behaviour, labelConsistency: terms.labelConsistency },
  };
}
