import { Program, tensor, Tracer } from '../../engine';
import type { Feed, ImportedModel, Rng, Tensor } from '../../engine';
import { AppError } from '../../errors';
import { uniform } from '../../models/training/networks';
import { shuffle } from '../../models/training/seeded-order';
import { argmax, requireClassifier, requireGradients, traceable } from '../black-box';
import type { BlackBox } from '../black-box';
import { adamWSteps } from '../carried-steps';
import { fittedState, freshMaskGenerator, INIT_STREAM, trainEpochs } from '../epoch-loop';
import type { EpochLog, MaskGeneratorFitReport, MaskGeneratorState } from '../epoch-loop';
import { parseMethodParams } from '../explainer';
import type { CancelCheck, ExplainProgress } from '../explainer';
import { drawPolicyDropout, initPolicy } from '../ib-policy';
import { fillBaseline, referenceStatistics } from '../ib-perturbation';
import type { ReferenceStatistics } from '../ib-perturbation';
import { streamRng } from '../random-source';
import { classLogProbabilities } from '../timexpp/objective';
import { gumbelDifference } from '../timexpp/sampling';
import { windowShape } from '../window-inputs';
import type { WindowShape } from '../window-inputs';
import { FEEDS, LANDMARKS, PREDICTOR, traceTimexObjective } from './objective';
import { timexParams } from './presets';
import type { TimexParams } from './presets';
import { callWithEmbedding, copyWeights, planTrainableCopy } from './trainable-copy';
import type { CopyPlan } from './trainable-copy';

/**
 * `fit(model, trainingSet)` for TimeX (timexpp.md §8): AdamW over h, g, the copy f_E, the
 * embedding head and the landmarks, shuffled batches (the short last batch kept), and after each
 * epoch the selection metric −(L_MBC + L_LC) on the validation windows (one forward pass without
 * dropout, on noise drawn once, so epochs are compared on the same draws); the best epoch's h and
 * g are kept. With the scheduler, ReduceLROnPlateau steps on that metric after epoch index 20.
 * Without a validation set, a seeded share of the fitting windows is held out.
 */

const STREAMS = {
  init: INIT_STREAM,
  order: 1,
  noise: 2,
  baseline: 3,
  dropout: 4,
  landmarks: 5,
  validation: 6,
  head: 7,
  holdout: 8,
} as const;
/** Rows per black-box call when z_f and f(X) are computed. */
const MODEL_ROWS = 256;

/** An epoch's log; its selection metric is −(L_MBC + L_LC) on the validation windows. */
export type TimexEpochLog = EpochLog;

export interface TimexFitReport extends MaskGeneratorFitReport {
  readonly validationRows: number;
}

/** A fitted TimeX explainer: h's and g's parameters (the read-out needs nothing else) and how they were fitted. */
export type TimexExplainerState = MaskGeneratorState<TimexParams, TimexFitReport>;

export interface TimexFitOptions {
  readonly seed: number;
  /** Windows [N, T, D] for model selection; absent, a share of the training windows is held out. */
  readonly validation?: Tensor;
  readonly onProgress?: (progress: ExplainProgress) => void;
  readonly cancel?: CancelCheck;
  readonly onEpoch?: (log: TimexEpochLog) => void;
}

export function parseTimexParams(raw: unknown): TimexParams {
  return parseMethodParams(timexParams, 'timex', raw);
}

/** A freshly initialised mask generator for windows [T, D]. */
export function untrainedTimex(time: number, features: number, params: unknown, seed: number): TimexExplainerState {
  return freshMaskGenerator(time, features, parseTimexParams(params), seed, initPolicy);
}

/** What the frozen black box says of a set of windows: embeddings [N, d], ln-probabilities [N, C], classes. */
interface ModelView {
  readonly embeddings: Float32Array;
  readonly logProbabilities: Float32Array;
  readonly predicted: readonly number[];
  readonly classes: number;
}

export async function fitTimex(
  box: BlackBox,
  trainingSet: Tensor,
  params: unknown,
  options: TimexFitOptions,
): Promise<TimexExplainerState> {
  const started = performance.now();
  requireClassifier(box, 'timex');
  const given = windowShape(trainingSet);
  const initial = untrainedTimex(given.time, given.features, params, options.seed);
  const { architecture: arch, params: p } = initial;
  const { train, validation } = splitForSelection(trainingSet, options.validation, p.validationShare, options.seed);
  const shape = windowShape(train);
  const fullBatch = Math.min(p.batchSize, shape.batch);
  if (fullBatch < 2)
    throw new AppError('invalid-request', 'timex compares windows within a batch: give at least 2 training windows');
  await requireGradients(box, [fullBatch, shape.time, shape.features], 'timex');
  const planFor = async (batch: number): Promise<{ model: ImportedModel; plan: CopyPlan }> => {
    const model = await traceable(box, [batch, shape.time, shape.features]);
    const plan = planTrainableCopy(model, box.name, shape.time);
    if (shape.features === 1 && plan.attention.length === 0) {
      throw new AppError(
        'invalid-request',
        `timex masks a univariate window through the model's attention, and ${box.name} has no attention softmax over [T, T]`,
      );
    }
    return { model, plan };
  };
  const first = await planFor(fullBatch);
  const seen = await modelView(box, train, first.plan);
  const held = await modelView(box, validation, first.plan);
  const values = new Map([
    ...initial.values,
    ...copyWeights(first.model, first.plan),
    ...headWeights(first.plan.width, seen.classes, streamRng(options.seed, STREAMS.head)),
    [LANDMARKS, initialLandmarks(seen, first.plan.width, p.landmarks, streamRng(options.seed, STREAMS.landmarks))],
  ]);
  const statistics = referenceStatistics(train.data as Float32Array, shape);
  const rngs = {
    order: streamRng(options.seed, STREAMS.order),
    noise: streamRng(options.seed, STREAMS.noise),
    baseline: streamRng(options.seed, STREAMS.baseline),
    dropout: streamRng(options.seed, STREAMS.dropout),
  };
  const objectiveAt = async (batch: number, mode: 'train' | 'evaluate') => {
    const { model, plan } = await planFor(batch);
    return traceTimexObjective({ arch, params: p, batch, classes: seen.classes, values, model, plan, mode });
  };
  const steps = adamWSteps([...values.keys()], p.weightDecay, (batch) => objectiveAt(batch, 'train'));
  const heldRows = windowShape(validation).batch;
  const evaluation = await objectiveAt(heldRows, 'evaluate');
  const evaluate = await Program.compile(evaluation.selection, { intraOpThreads: 1 });
  const validationRng = streamRng(options.seed, STREAMS.validation);
  const validationFeeds = feedsFor(
    validation,
    Int32Array.from({ length: heldRows }, (_, i) => i),
    held,
    statistics,
    p.landmarks,
    { noise: validationRng, baseline: validationRng },
  );
  const trained = await trainEpochs({
    rows: shape.batch,
    recipe: p,
    phase: 'fitting TimeX',
    order: rngs.order,
    steps,
    initial: initial.values,
    feeds: (chosen) => ({
      ...feedsFor(train, chosen, seen, statistics, p.landmarks, rngs),
      ...Object.fromEntries(drawPolicyDropout(arch, rngs.dropout, chosen.length)),
    }),
    metric: async () => {
      const scored = await evaluate.run({ ...validationFeeds, ...Object.fromEntries(steps.values()) });
      return -(Number(scored.behaviour?.data[0]) + Number(scored.labelConsistency?.data[0]));
    },
    onProgress: options.onProgress,
    cancel: options.cancel,
    onEpoch: options.onEpoch,
  });
  const state = fittedState(initial, trained, shape.batch, started);
  return { ...state, fit: { ...state.fit, validationRows: heldRows } };
}

/** The given validation windows, or a seeded held-out share (at least 2) of the fitting windows. */
function splitForSelection(
  windows: Tensor,
  validation: Tensor | undefined,
  share: number,
  seed: number,
): { train: Tensor; validation: Tensor } {
  const shape = windowShape(windows);
  if (validation) {
    const held = windowShape(validation);
    if (held.time !== shape.time || held.features !== shape.features || held.batch < 2) {
      throw new AppError(
        'invalid-request',
        `validation: expected [N ≥ 2, ${shape.time}, ${shape.features}] windows, got [${validation.shape.join(', ')}]`,
      );
    }
    return { train: windows, validation };
  }
  const count = Math.max(2, Math.round(shape.batch * share));
  if (shape.batch - count < 2) {
    throw new AppError(
      'invalid-request',
      `timex needs at least ${count + 2} windows to hold ${count} out for model selection`,
    );
  }
  const order = Int32Array.from({ length: shape.batch }, (_, i) => i);
  shuffle(order, streamRng(seed, STREAMS.holdout));
  const pick = (rows: Int32Array): Tensor => gather(windows, shape, rows);
  return { train: pick(order.subarray(count).sort()), validation: pick(order.subarray(0, count).sort()) };
}

function gather(windows: Tensor, shape: WindowShape, rows: ArrayLike<number>): Tensor {
  const frame = shape.time * shape.features;
  const out = new Float32Array(rows.length * frame);
  const data = windows.data as Float32Array;
  for (let i = 0; i < rows.length; i++) {
    const n = rows[i] ?? 0;
    out.set(data.subarray(n * frame, (n + 1) * frame), i * frame);
  }
  return tensor('float32', [rows.length, shape.time, shape.features], out);
}

/** z_f, ln softmax f(X) and the predicted class of every window, in chunks. */
async function modelView(box: BlackBox, windows: Tensor, plan: CopyPlan): Promise<ModelView> {
  const shape = windowShape(windows);
  const frame = shape.time * shape.features;
  const embeddings = new Float32Array(shape.batch * plan.width);
  let logProbabilities = new Float32Array(0);
  let classes = 0;
  for (let start = 0; start < shape.batch; start += MODEL_ROWS) {
    const count = Math.min(MODEL_ROWS, shape.batch - start);
    const chunk = [count, shape.time, shape.features];
    const model = await traceable(box, chunk);
    const g = new Tracer();
    const { y, embedding } = callWithEmbedding(
      g,
      model,
      planTrainableCopy(model, box.name, shape.time),
      g.input('x', 'float32', chunk),
    );
    const program = await Program.compile({ logP: classLogProbabilities(y, box), z: embedding });
    const rows = (windows.data as Float32Array).subarray(start * frame, (start + count) * frame);
    const out = await program.run({ x: tensor('float32', chunk, rows) });
    const logP = out.logP?.data as Float32Array;
    if (start === 0) {
      classes = logP.length / count;
      logProbabilities = new Float32Array(shape.batch * classes);
    }
    logProbabilities.set(logP, start * classes);
    embeddings.set(out.z?.data as Float32Array, start * plan.width);
  }
  const predicted = Array.from({ length: shape.batch }, (_, n) => argmax(logProbabilities, n * classes, classes));
  return { embeddings, logProbabilities, predicted, classes };
}

/** ŷ_E's head d → d → ReLU → C with PyTorch's default Linear initialisation. */
function headWeights(width: number, classes: number, rng: Rng): [string, Tensor][] {
  return [
    [`${PREDICTOR}.hidden.weight`, uniform(rng, [width, width], width)],
    [`${PREDICTOR}.hidden.bias`, uniform(rng, [width], width)],
    [`${PREDICTOR}.out.weight`, uniform(rng, [width, classes], width)],
    [`${PREDICTOR}.out.bias`, uniform(rng, [classes], width)],
  ];
}

/**
 * P [K, d]: f's embeddings of K training windows drawn class by class in turn (the classes the
 * black box predicts), without replacement; a class that runs out leaves its turn to the others.
 */
function initialLandmarks(view: ModelView, width: number, count: number, rng: Rng): Tensor {
  const byClass = Array.from({ length: view.classes }, (_, c) => {
    const rows = Int32Array.from(view.predicted.flatMap((k, n) => (k === c ? [n] : [])));
    shuffle(rows, rng);
    return Array.from(rows);
  });
  const chosen: number[] = [];
  while (chosen.length < count && byClass.some((rows) => rows.length > 0)) {
    for (const rows of byClass) {
      const n = rows.pop();
      if (n !== undefined && chosen.length < count) chosen.push(n);
    }
  }
  while (chosen.length < count) chosen.push(chosen[chosen.length % Math.max(1, chosen.length)] ?? 0);
  const out = new Float32Array(count * width);
  chosen.forEach((n, k) => out.set(view.embeddings.subarray(n * width, (n + 1) * width), k * width));
  return tensor('float32', [count, width], out);
}

/** The data feeds of one batch: windows, mask and landmark noise, baselines, and f's view of the rows. */
function feedsFor(
  windows: Tensor,
  rows: ArrayLike<number>,
  view: ModelView,
  statistics: ReferenceStatistics,
  landmarks: number,
  rngs: { readonly noise: Rng; readonly baseline: Rng },
): Record<string, Feed> {
  const shape = windowShape(windows);
  const batch = rows.length;
  const frame = shape.time * shape.features;
  const batchShape = [batch, shape.time, shape.features];
  const x = gather(windows, shape, rows);
  const width = view.embeddings.length / Math.max(1, view.predicted.length);
  const z = new Float32Array(batch * width);
  const logP = new Float32Array(batch * view.classes);
  for (let i = 0; i < batch; i++) {
    const n = rows[i] ?? 0;
    z.set(view.embeddings.subarray(n * width, (n + 1) * width), i * width);
    logP.set(view.logProbabilities.subarray(n * view.classes, (n + 1) * view.classes), i * view.classes);
  }
  const feeds: Record<string, Feed> = {
    [FEEDS.x]: x,
    [FEEDS.noise]: gumbelDifference(rngs.noise, batchShape),
    [FEEDS.modelEmbedding]: tensor('float32', [batch, width], z),
    [FEEDS.modelLogProbabilities]: tensor('float32', [batch, view.classes], logP),
    [FEEDS.landmarkNoise]: gumbel(rngs.noise, [batch, landmarks]),
  };
  if (shape.features > 1) {
    const baseline = new Float32Array(batch * frame);
    for (let i = 0; i < batch; i++) fillBaseline(baseline, i * frame, statistics, 'gaussian', rngs.baseline);
    feeds[FEEDS.baseline] = tensor('float32', batchShape, baseline);
  }
  return feeds;
}

/** Gumbel(0, 1) draws −log(−log u). */
function gumbel(rng: Rng, shape: readonly number[]): Tensor {
  const u = rng.uniform(shape, { low: 1e-12, high: 1 - 1e-12 });
  const data = u.data as Float32Array;
  for (let i = 0; i < data.length; i++) data[i] = -Math.log(-Math.log(data[i] ?? 0.5));
  return u;
}
