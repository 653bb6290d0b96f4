import { Rng, Tracer, TrainingStep } from '../engine';
import type { Traced } from '../engine';
import { callModel, traceable } from './black-box';
import { defineExplainer } from './explainer';
import { extrMaskParams } from './extrmask-params';
import { fidelityPerSample } from './fidelity-loss';
import {
  batchGraph,
  clipUnit,
  dataInputs,
  filled,
  maskInfo,
  optimise,
  prepareMaskProblem,
  RowBatches,
} from './mask-training';
import { blend, perturbationNetwork } from './perturbation-network';

const NAME = 'extrmask';

/**
 * ExtrMask (Enguehard 2023, tint's ExtremalMask; spec §1): a free mask M [N, T, D] from 0.5 and a
 * learned perturbation NN_θ, trained together by Adam on
 * mean(λ1 |M| + λ2 |NN_θ(x)|) + ℓ(f(clip01(M) x + (1 − clip01(M)) NN_θ(x)), f(x)).
 * The saliency is clip01(M).
 */
export const extrMask = defineExplainer({
  name: NAME,
  title: 'ExtrMask',
  needsGradients: true,
  params: extrMaskParams,
  async explain(request) {
    const { params: p, model: box } = request;
    const preserve = p.game === 'preservation';
    // Deletion compares with the output at the baseline, f(0).
    const problem = await prepareMaskProblem(NAME, request, {
      modelRows: (rows) => Math.min(p.batchSize, rows),
      loss: p.loss,
      reference: preserve ? 'input' : 'zero',
    });
    const { rows, steps, features, data } = problem;
    const batches = new RowBatches(rows, p.batchSize);

    const g = new Tracer();
    const batch = batchGraph(g, batches);
    const { x: input, target } = dataInputs(g, data, batch);
    const maskParam = g.param('mask', filled([rows, steps, features], 0.5));
    const net = perturbationNetwork(g, features, new Rng(request.seed));
    const raw = batch.select(maskParam);
    const m = raw.clip(0, 1);
    const replacement = net.apply(input);
    const perturbed = blend(input, replacement, m, p.game);
    const model = await traceable(box, [batches.size, steps, features]);
    const perSampleMean = (v: Traced): Traced => batch.mean(v.abs().reduceMean([1, 2]));
    const fidelity = batch.mean(fidelityPerSample(callModel(g, model, perturbed), target, p.loss, box.output));
    // The L1 term acts on the raw parameter, not the clipped mask (spec P21).
    const maskSize = perSampleMean(preserve ? raw : raw.neg().add(1));
    const perturbationSize = perSampleMean(replacement);
    const training = await TrainingStep.compile({
      loss: fidelity.add(maskSize.mul(p.lambda1)).add(perturbationSize.mul(p.lambda2)),
      params: [maskParam, ...net.params],
      optimizer: { kind: 'adam', lr: p.lr },
      outputs: { fidelity, maskSize, perturbationSize },
    });
    const result = await optimise({ training, epochs: p.epochs, batches, feeds: () => ({ ...data }) }, request);
    return {
      saliency: clipUnit(training.value('mask')),
      scale: 'unit-mask',
      info: maskInfo(NAME, request, problem, result),
    };
  },
});
