import { fromNumbers, Program, tensor, Tracer, TrainingStep } from '../engine';
import type { Tensor, Traced } from '../engine';
import type { BlackBox } from './black-box';
import { callModel, traceable } from './black-box';
import { defineExplainer } from './explainer';
import type { DynamaskParams } from './dynamask-params';
import { dynamaskParams } from './dynamask-params';
import { fadeToMean, gaussianBlur } from './dynamask-perturbation';
import { selectMasks, tintPl2Picks } from './dynamask-selection';
import type { MaskPick } from './dynamask-selection';
import { fidelityPerSample } from './fidelity-loss';
import { batchGraph, dataInputs, filled, maskInfo, optimise, prepareMaskProblem, RowBatches } from './mask-training';
import type { DataFeeds } from './mask-training';

const NAME = 'dynamask';

/**
 * Dynamask (Crabbé & van der Schaar 2021; spec §3): one mask per area and sample, m ∈ [0, 1]
 * (clamped after every step), fitted to keep the output under a fixed perturbation π_m while a
 * size regulariser, growing geometrically over the epochs, pulls the sorted mask toward a fraction
 * a of ones; the selected mask is the saliency.
 */
export const dynamask = defineExplainer({
  name: NAME,
  title: 'Dynamask',
  needsGradients: true,
  params: dynamaskParams,
  async explain(request) {
    const { params: p, model: box } = request;
    // One mask per sample when tint's copies are all the same (compat), else one per area.
    const copies = p.compatTintPl2 ? 1 : p.areas.length;
    const batchSize = (rows: number): number => (p.objective === 'per-sample' ? rows : Math.min(p.batchSize, rows));
    const problem = await prepareMaskProblem(NAME, request, {
      modelRows: (rows) => copies * batchSize(rows),
      loss: p.loss,
    });
    const { rows, steps, features, data } = problem;
    const batches = new RowBatches(rows, batchSize(rows));

    const g = new Tracer();
    const batch = batchGraph(g, batches);
    const inputs = dataInputs(g, data, batch);
    const mask = g.param('mask', filled([copies, rows, steps, features], 0.5));
    const errors = await maskErrors(box, p, inputs, batch.select(mask, 1));
    const size = sizeRegulariser(mask, p.areas, copies);
    const time = timeRegulariser(mask);
    const sizeFactor = g.input('sizeFactor', 'float32', []);
    const fidelity = batch.mean(errors).reduceMean();
    let loss: Traced;
    if (p.compatTintPl2) {
      // Lightning 2 never calls the hook that adds the regularisers and flips the sign (P8); each of
      // tint's K identical copies gets 1/K of the batch-mean error's gradient.
      loss = fidelity.div(p.areas.length);
    } else {
      const sign = p.game === 'deletion' ? -1 : 1;
      const perMask = (v: Traced): Traced =>
        p.objective === 'per-sample' ? v.reduceSum().div(copies) : v.reduceMean();
      const error = p.objective === 'per-sample' ? perMask(errors) : fidelity;
      loss = error.mul(sign).add(perMask(size).mul(sizeFactor));
      if (time) loss = loss.add(perMask(time).mul(p.timeFactor));
    }
    const training = await TrainingStep.compile({
      loss,
      params: [mask],
      optimizer: p.optimizer === 'adam' ? { kind: 'adam', lr: p.lr } : { kind: 'sgd', lr: p.lr, momentum: p.momentum },
      bounds: { mask: [0, 1] },
      // Under compat the regularisers are not part of the loss, so they are not reported as its terms.
      outputs: {
        fidelity,
        ...(p.compatTintPl2 ? {} : { size: size.reduceMean(), ...(time ? { time: time.reduceMean() } : {}) }),
      },
    });
    const schedule = (epoch: number): Tensor =>
      fromNumbers('float32', [], [p.sizeFactor * p.sizeDilation ** (epoch / p.epochs)]);
    const result = await optimise(
      { training, epochs: p.epochs, batches, feeds: (epoch) => ({ ...data, sizeFactor: schedule(epoch) }) },
      request,
    );

    const masks = training.value('mask');
    const final = await finalErrors(box, p, data, masks);
    const { picks, area } = p.compatTintPl2
      ? compatChoice(final.errors, rows, p)
      : { picks: selectMasks(final.errors, rows, p, final.unperturbed), area: undefined };
    const invert = p.compatTintPl2 && p.game === 'deletion';
    return {
      saliency: pickedMasks(masks, picks, invert),
      scale: 'unit-mask',
      info: maskInfo(NAME, request, problem, result, { area: area ?? picks.map((pick) => p.areas[pick.area] ?? NaN) }),
    };
  },
});

type DataInputs = ReturnType<typeof dataInputs>;

/** E[a, i] of masks [A, B, T, D] on the rows in `inputs`: [A, B]. */
async function maskErrors(box: BlackBox, p: DynamaskParams, inputs: DataInputs, masks: Traced): Promise<Traced> {
  const g = masks.tracer;
  const [copies = 1, rows = 1, steps = 1, features = 1] = masks.shape;
  const kept = p.game === 'deletion' ? masks.neg().add(1) : masks;
  const perturb = p.perturbation === 'blur' ? gaussianBlur(p.sigmaMax) : fadeToMean;
  const perturbed = perturb(inputs.x, kept).reshape([copies * rows, steps, features]);
  const model = await traceable(box, [copies * rows, steps, features]);
  const y = callModel(g, model, perturbed);
  const outputs = y.reshape([copies, rows, ...y.shape.slice(1)]);
  return fidelityPerSample(outputs, inputs.target, p.loss, box.output);
}

/** mean_j (r_a[j] − sort(m)[j])² per mask, [A, N]; r_a is ⌊(1 − a)·T·D⌋ zeros, then ones. */
function sizeRegulariser(mask: Traced, areas: readonly number[], copies: number): Traced {
  const g = mask.tracer;
  const [, rows = 1, steps = 1, features = 1] = mask.shape;
  const length = steps * features;
  const [sorted] = mask.reshape([copies, rows, length]).topk(length, { largest: false });
  const reference = new Array<number>(copies * length).fill(0);
  for (let a = 0; a < copies; a++) {
    const zeros = Math.floor((1 - (areas[a] ?? 0)) * steps * features);
    reference.fill(1, a * length + zeros, (a + 1) * length);
  }
  const d = sorted.sub(g.constant(fromNumbers('float32', [copies, 1, length], reference)));
  return d.mul(d).reduceMean([2]);
}

/** mean |m[t] − m[t−1]| over t = 1…T−2 and the features (the released codes skip the last pair), [A, N]; none for T < 3. */
function timeRegulariser(mask: Traced): Traced | undefined {
  const steps = mask.shape[2] ?? 0;
  if (steps < 3) return undefined;
  const later = mask.slice([1], [steps - 1], [2]);
  const earlier = mask.slice([0], [steps - 2], [2]);
  return later.sub(earlier).abs().reduceMean([2, 3]);
}

/** The errors of the trained masks over every sample, and of f(x) against itself (the 'unperturbed' tolerance). */
async function finalErrors(
  box: BlackBox,
  p: DynamaskParams,
  data: DataFeeds,
  masks: Tensor,
): Promise<{ errors: ArrayLike<number>; unperturbed: ArrayLike<number> }> {
  const g = new Tracer();
  const inputs = dataInputs(g, data);
  const errors = await maskErrors(box, p, inputs, g.input('mask', 'float32', masks.shape));
  const unperturbed = fidelityPerSample(inputs.target.y, inputs.target, p.loss, box.output);
  const out = await (await Program.compile({ errors, unperturbed })).run({ ...data, mask: masks });
  return { errors: out.errors?.data as Float32Array, unperturbed: out.unperturbed?.data as Float32Array };
}

function compatChoice(
  errors: ArrayLike<number>,
  rows: number,
  p: DynamaskParams,
): { picks: MaskPick[]; area: number[] } {
  const { picks, ratio } = tintPl2Picks(errors, rows, p.areas.length, p.batchSize);
  return { picks, area: new Array<number>(rows).fill(p.areas[ratio] ?? NaN) };
}

/** The saliency [N, T, D]: row j is the picked mask (1 − mask where tint returns that). */
function pickedMasks(masks: Tensor, picks: readonly MaskPick[], invert: boolean): Tensor {
  const [, rows = 1, ...window] = masks.shape;
  const size = window.reduce((n, d) => n * d, 1);
  const data = new Float32Array(rows * size);
  picks.forEach(({ area, sample }, j) => {
    const from = (area * rows + sample) * size;
    for (let k = 0; k < size; k++) {
      const v = Number(masks.data[from + k]);
      data[j * size + k] = invert ? 1 - v : v;
    }
  });
  return tensor('float32', [rows, ...window], data);
}
