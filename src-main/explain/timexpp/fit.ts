import { tensor, TrainingStep } from '../../engine';
import type { Feed, StepResult, Tensor } from '../../engine';
import { AppError } from '../../errors';
import { shuffle } from '../../models/training/seeded-order';
import { forward, requireGradients, traceable } from '../black-box';
import type { BlackBox } from '../black-box';
import { CarriedSteps } from '../carried-steps';
import type { CancelCheck, ExplainProgress } from '../explainer';
import { drawPolicyDropout } from '../ib-policy';
import type { PolicyArchitecture } from '../ib-policy';
import { fillBaseline, referenceStatistics } from '../ib-perturbation';
import { streamRng } from '../random-source';
import { windowShape } from '../window-inputs';
import { ReduceLrOnPlateau } from './lr-plateau';
import { initExplainer, maskGeneratorArchitecture } from './network';
import { FEEDS, traceObjective } from './objective';
import { timexppParams } from './presets';
import type { TimexppParams } from './presets';
import { gumbelDifference } from './sampling';

/**
 * `fit(model, trainingSet)` for TimeX++ (timexpp.md §2.8–2.9): AdamW over every explainer
 * parameter, shuffled batches with the short last batch kept (§9 #25), and the official model
 * selection: after each epoch the metric −(loss of the epoch's last batch) is compared with the
 * best so far and the parameters are kept when it improved; every epoch runs. With the scheduler,
 * ReduceLROnPlateau steps on the same metric after epoch index 20.
 */

/** Separate seeded streams: initial weights, visiting order, Gumbel noise, baseline draws, dropout. */
const STREAMS = { init: 0, order: 1, noise: 2, baseline: 3, dropout: 4 } as const;
/** Rows per black-box call when f(X) of the training set is computed. */
const CLEAN_ROWS = 256;

export interface TimexppEpochLog {
  readonly epoch: number;
  /** The selection metric's loss: the epoch's last batch. */
  readonly lastBatchLoss: number;
  readonly meanLoss: number;
  readonly meanPi: number;
  /** Mean of the sampled masks. */
  readonly maskDensity: number;
  readonly lr: number;
}

export interface TimexppFitReport {
  readonly epochs: readonly TimexppEpochLog[];
  /** The 1-based epoch whose parameters were kept. */
  readonly selectedEpoch: number;
  readonly steps: number;
  readonly trainingRows: number;
  /** The last step's loss and terms. */
  readonly finalLosses: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** A TimeX++ explainer: what fixes its shapes, its settings and its (selected) parameters. */
export interface TimexppExplainerState {
  readonly architecture: PolicyArchitecture;
  readonly params: TimexppParams;
  readonly seed: number;
  readonly values: ReadonlyMap<string, Tensor>;
  readonly fit?: TimexppFitReport;
}

export interface TimexppFitOptions {
  readonly seed: number;
  readonly onProgress?: (progress: ExplainProgress) => void;
  readonly cancel?: CancelCheck;
  /** Called after each epoch with its log and the explainer as selected so far (e.g. to evaluate it). */
  readonly onEpoch?: (
    log: TimexppEpochLog,
    selected: { readonly epoch: number; readonly state: TimexppExplainerState },
  ) => void | Promise<void>;
}

export function parseTimexppParams(raw: unknown): TimexppParams {
  const parsed = timexppParams.safeParse(raw ?? {});
  if (!parsed.success) throw new AppError('invalid-request', `timexpp: invalid parameters: ${parsed.error.message}`);
  return parsed.data;
}

/** A freshly initialised explainer for windows [T, D]. */
export function untrainedTimexpp(time: number, features: number, params: unknown, seed: number): TimexppExplainerState {
  const parsed = parseTimexppParams(params);
  const architecture = maskGeneratorArchitecture(time, features, parsed);
  return { architecture, params: parsed, seed, values: initExplainer(architecture, streamRng(seed, STREAMS.init)) };
}

/** Trains the explainer against the frozen black box on the training windows [N, T, D]. */
export async function fitTimexpp(
  box: BlackBox,
  trainingSet: Tensor,
  params: unknown,
  options: TimexppFitOptions,
): Promise<TimexppExplainerState> {
  const started = performance.now();
  if (box.output === 'values')
    throw new AppError('invalid-request', `timexpp explains classifiers; ${box.name} outputs values`);
  const shape = windowShape(trainingSet);
  const initial = untrainedTimexpp(shape.time, shape.features, params, options.seed);
  const { architecture: arch, params: p } = initial;
  const frame = shape.time * shape.features;
  const rows = trainingSet.data as Float32Array;
  const fullBatch = Math.min(p.batchSize, shape.batch);
  const usesBox = !p.without.includes('label-consistency');
  if (usesBox) await requireGradients(box, [fullBatch, shape.time, shape.features], 'timexpp');
  const clean = usesBox ? await cleanLogProbabilities(box, trainingSet) : undefined;
  const classes = clean ? clean.length / shape.batch : 0;
  const statistics = referenceStatistics(rows, shape);
  const rngs = {
    order: streamRng(options.seed, STREAMS.order),
    noise: streamRng(options.seed, STREAMS.noise),
    baseline: streamRng(options.seed, STREAMS.baseline),
    dropout: streamRng(options.seed, STREAMS.dropout),
  };

  const names = [...initial.values.keys()];
  const steps = new CarriedSteps(names, async (batch, lr) => {
    const model = usesBox ? await traceable(box, [batch, shape.time, shape.features]) : undefined;
    const objective = traceObjective({ arch, params: p, batch, classes, init: initial.values, box, model });
    return TrainingStep.compile(
      {
        loss: objective.loss,
        params: objective.params,
        optimizer: { kind: 'adam', lr, weightDecay: p.weightDecay, decoupled: true },
        outputs: objective.outputs,
      },
      { intraOpThreads: 1 },
    );
  });

  const order = Int32Array.from({ length: shape.batch }, (_, i) => i);
  const batchesPerEpoch = Math.ceil(shape.batch / fullBatch);
  const totalSteps = batchesPerEpoch * p.epochs;
  const plateau = p.scheduler ? new ReduceLrOnPlateau(p.lr) : undefined;
  let lr = p.lr;
  let best = -Infinity;
  let selected = { epoch: 0, values: initial.values };
  const epochs: TimexppEpochLog[] = [];
  let last: StepResult | undefined;
  let step = 0;
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    shuffle(order, rngs.order);
    const sums = { loss: 0, pi: 0, density: 0 };
    for (let k = 0; k < batchesPerEpoch; k++) {
      options.cancel?.throwIfCancelled();
      const chosen = order.subarray(k * fullBatch, Math.min(shape.batch, (k + 1) * fullBatch));
      const batch = chosen.length;
      const batchShape = [batch, shape.time, shape.features];
      const x = new Float32Array(batch * frame);
      const baseline = new Float32Array(batch * frame);
      chosen.forEach((n, i) => {
        x.set(rows.subarray(n * frame, (n + 1) * frame), i * frame);
        fillBaseline(baseline, i * frame, statistics, 'gaussian', rngs.baseline);
      });
      const feeds: Record<string, Feed> = {
        [FEEDS.x]: tensor('float32', batchShape, x),
        [FEEDS.noise]: gumbelDifference(rngs.noise, batchShape),
        ...Object.fromEntries(drawPolicyDropout(arch, rngs.dropout, batch)),
      };
      if (!p.without.includes('reference')) feeds[FEEDS.baseline] = tensor('float32', batchShape, baseline);
      if (clean) {
        const q = new Float32Array(batch * classes);
        chosen.forEach((n, i) => q.set(clean.subarray(n * classes, (n + 1) * classes), i * classes));
        feeds[FEEDS.clean] = tensor('float32', [batch, classes], q);
      }
      last = await (await steps.at(batch, lr)).step(feeds);
      step++;
      sums.loss += last.loss;
      sums.pi += tensorMean(last.outputs.pi);
      sums.density += tensorMean(last.outputs.mask);
      options.onProgress?.({ step, steps: totalSteps, phase: 'fitting TimeX++', loss: last.loss });
    }
    const lastBatchLoss = last?.loss ?? NaN;
    epochs.push({
      epoch: epoch + 1,
      lastBatchLoss,
      meanLoss: sums.loss / batchesPerEpoch,
      meanPi: sums.pi / batchesPerEpoch,
      maskDensity: sums.density / batchesPerEpoch,
      lr,
    });
    const metric = -lastBatchLoss;
    if (metric > best) {
      best = metric;
      selected = { epoch: epoch + 1, values: steps.values() };
    }
    if (plateau && epoch > 20) lr = plateau.step(metric);
    await options.onEpoch?.(epochs.at(-1) as TimexppEpochLog, {
      epoch: selected.epoch,
      state: { ...initial, values: selected.values },
    });
  }
  const finalLosses: Record<string, number> = { total: last?.loss ?? NaN };
  for (const [name, value] of Object.entries(last?.outputs ?? {})) {
    if (value.shape.length === 0) finalLosses[name] = Number(value.data[0]);
  }
  return {
    ...initial,
    values: selected.values,
    fit: {
      epochs,
      selectedEpoch: selected.epoch,
      steps: totalSteps,
      trainingRows: shape.batch,
      finalLosses,
      seconds: (performance.now() - started) / 1000,
    },
  };
}

/** ln softmax f(X) [N·C] of every training window (the black box is frozen and has no dropout). */
async function cleanLogProbabilities(box: BlackBox, windows: Tensor): Promise<Float32Array> {
  const { batch, time, features } = windowShape(windows);
  const frame = time * features;
  let out = new Float32Array(0);
  for (let start = 0; start < batch; start += CLEAN_ROWS) {
    const count = Math.min(CLEAN_ROWS, batch - start);
    const rows = (windows.data as Float32Array).slice(start * frame, (start + count) * frame);
    const y = (await forward(box, tensor('float32', [count, time, features], rows))).data as Float32Array;
    const classes = y.length / count;
    if (start === 0) out = new Float32Array(batch * classes);
    for (let n = 0; n < count; n++) {
      const row = y.subarray(n * classes, (n + 1) * classes);
      const into = out.subarray((start + n) * classes, (start + n + 1) * classes);
      if (box.output === 'probabilities') {
        row.forEach((v, c) => (into[c] = Math.log(Math.min(1, Math.max(1e-12, v)))));
      } else {
        // ln softmax, shifted by the maximum.
        const top = Math.max(...row);
        const logSum = Math.log(row.reduce((sum, v) => sum + Math.exp(v - top), 0)) + top;
        row.forEach((v, c) => (into[c] = v - logSum));
      }
    }
  }
  return out;
}

/** The mean of a tensor's elements (NaN when absent). */
export function tensorMean(t: Tensor | undefined): number {
  if (!t) return NaN;
  let sum = 0;
  for (let i = 0; i < t.data.length; i++) sum += Number(t.data[i]);
  return sum / Math.max(1, t.data.length);
}
