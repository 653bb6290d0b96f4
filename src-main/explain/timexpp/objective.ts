import { Tracer } from '../../engine';
import type { ImportedModel, Tensor, Traced } from '../../engine';
import { AppError } from '../../errors';
import { callModel } from '../black-box';
import type { BlackBox } from '../black-box';
import { fedDropout } from '../ib-policy';
import type { PolicyArchitecture } from '../ib-policy';
import type { TrainModeModel } from '../../models/training/train-mode';
import { bernoulliPriorKl, connectivity, distributionKl, labelConsistency, referenceAlignment } from './losses';
import { conditioner, distribution, maskProbabilities } from './network';
import type { TimexppParams } from './presets';
import { sampleMask } from './sampling';

/**
 * One TimeX++ training step's graph (timexpp.md §2.8) for a batch of `batch` windows:
 * π = g(X, h(X)) with fed dropout masks, M by the straight-through Gumbel sampler, X̃ = Ψ(X, M),
 * and L = L_LC + β_exp (w_gsat L_M + λ L_con) + β_sim (w_KL L_KL + L_dr), less the ablated terms.
 * In train mode (§9 #10) the frozen black box is called on X and on X̃, each with its own dropout
 * masks fed under FEEDS.cleanDropout and FEEDS.explainedDropout. Otherwise it runs its inference
 * graph on X̃ only, and ln softmax f(X) is fed (FEEDS.clean), computed once per training window,
 * since without dropout f(X) never changes.
 */

export const FEEDS = {
  x: 'x',
  clean: 'timexpp.cleanLogProbabilities',
  noise: 'timexpp.gumbelDifference',
  baseline: 'timexpp.baseline',
  cleanDropout: 'timexpp.fClean.',
  explainedDropout: 'timexpp.fExplained.',
} as const;

export interface Objective {
  readonly loss: Traced;
  readonly params: Traced[];
  /** The scalar terms (an ablated one is absent), π and the sampled mask. */
  readonly outputs: Record<string, Traced>;
}

export interface ObjectiveInputs {
  readonly arch: PolicyArchitecture;
  readonly params: TimexppParams;
  readonly batch: number;
  readonly classes: number;
  readonly init: ReadonlyMap<string, Tensor>;
  readonly box: BlackBox;
  /** The black box specialised to [batch, T, D]; absent when L_LC is ablated or f runs in train mode. */
  readonly model?: ImportedModel;
}

/** The black box's train mode when the recipe calls for it and the box has one. */
export function blackBoxTrainMode(box: BlackBox, params: TimexppParams): TrainModeModel | undefined {
  return params.blackBoxTrainMode ? box.trainMode : undefined;
}

/** ln softmax of the black box's outputs [B, C] (logits), or the log of its probabilities. */
export function classLogProbabilities(y: Traced, box: BlackBox): Traced {
  if (box.output === 'logits') return y.logSoftmax(-1);
  if (box.output === 'probabilities') return y.clip(1e-12, 1).log();
  throw new AppError('invalid-request', `timexpp explains classifiers; ${box.name} outputs values`);
}

export function traceObjective(inputs: ObjectiveInputs): Objective {
  const { arch, params: p, batch, init } = inputs;
  const without = new Set(p.without);
  const g = new Tracer();
  const shape = [batch, arch.time, arch.features];
  const x = g.input(FEEDS.x, 'float32', shape);
  const values = new Map([...init].map(([name, value]) => [name, g.param(name, value)]));
  const value = (name: string): Traced => {
    const found = values.get(name);
    if (!found) throw new AppError('internal', `the TimeX++ explainer has no parameter '${name}'`);
    return found;
  };
  const pi = maskProbabilities(x, value, arch, fedDropout(arch, batch));
  const { mask } = sampleMask(pi, g.input(FEEDS.noise, 'float32', shape), {
    tau: p.tau,
    straightThrough: !without.has('ste'),
  });
  const explained = conditioner(x, mask, value);

  const compactness = bernoulliPriorKl(pi, p.r);
  const terms: Record<string, Traced> = { compactness };
  let total = compactness.mul(p.gsatWeight);
  if (!without.has('connectivity')) {
    terms.connectivity = connectivity(pi);
    total = total.add(terms.connectivity.mul(p.lambda));
  }
  total = total.mul(p.betaExp);
  if (!without.has('label-consistency')) {
    const trainMode = blackBoxTrainMode(inputs.box, p);
    let f: Traced;
    let logQ: Traced;
    if (trainMode) {
      f = trainMode.call(explained, FEEDS.explainedDropout);
      logQ = classLogProbabilities(trainMode.call(x, FEEDS.cleanDropout), inputs.box);
    } else {
      if (!inputs.model) throw new AppError('internal', 'label consistency needs the black box');
      f = callModel(g, inputs.model, explained);
      logQ = g.input(FEEDS.clean, 'float32', [batch, inputs.classes]);
    }
    terms.labelConsistency = labelConsistency(classLogProbabilities(f, inputs.box), logQ);
    total = total.add(terms.labelConsistency);
  }
  let similarity: Traced | undefined;
  if (!without.has('kl')) {
    terms.distributionKl = distributionKl(distribution(explained, value, 'qXt'), distribution(x, value, 'qX'));
    similarity = terms.distributionKl.mul(p.klWeight);
  }
  if (!without.has('reference')) {
    const baseline = g.input(FEEDS.baseline, 'float32', shape);
    terms.referenceAlignment = referenceAlignment(x, mask, baseline, explained);
    similarity = similarity ? similarity.add(terms.referenceAlignment) : terms.referenceAlignment;
  }
  if (similarity) total = total.add(similarity.mul(p.betaSim));
  return { loss: total, params: [...values.values()], outputs: { ...terms, pi, mask } };
}
