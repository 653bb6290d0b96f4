import { tensor } from '../../engine';
import type { Feed, Tensor } from '../../engine';
import { forward, requireClassifier, requireGradients, traceable } from '../black-box';
import type { BlackBox } from '../black-box';
import { adamWSteps } from '../carried-steps';
import { fittedState, freshMaskGenerator, INIT_STREAM, trainEpochs } from '../epoch-loop';
import type { EpochLog, MaskGeneratorFitReport, MaskGeneratorState } from '../epoch-loop';
import { parseMethodParams } from '../explainer';
import type { CancelCheck, ExplainProgress } from '../explainer';
import { drawPolicyDropout } from '../ib-policy';
import { fillBaseline, referenceStatistics } from '../ib-perturbation';
import { streamRng } from '../random-source';
import { windowShape } from '../window-inputs';
import { initExplainer } from './network';
import { blackBoxTrainMode, FEEDS, traceObjective } from './objective';
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

/** Separate seeded streams: initial weights, visiting order, Gumbel noise, baseline draws, dropout (the explainer's, the black box's). */
const STREAMS = { init: INIT_STREAM, order: 1, noise: 2, baseline: 3, dropout: 4, blackBoxDropout: 5 } as const;
/** Rows per black-box call when f(X) of the training set is computed. */
const CLEAN_ROWS = 256;

/** An epoch's log; its selection metric is −lastBatchLoss. */
export type TimexppEpochLog = EpochLog;

export type TimexppFitReport = MaskGeneratorFitReport;

/** A TimeX++ explainer: the mask generator h, g with Ψ and the distribution heads. */
export type TimexppExplainerState = MaskGeneratorState<TimexppParams>;

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
  return parseMethodParams(timexppParams, 'timexpp', raw);
}

/** A freshly initialised explainer for windows [T, D]. */
export function untrainedTimexpp(time: number, features: number, params: unknown, seed: number): TimexppExplainerState {
  return freshMaskGenerator(time, features, parseTimexppParams(params), seed, initExplainer);
}

/** Trains the explainer against the frozen black box on the training windows [N, T, D]. */
export async function fitTimexpp(
  box: BlackBox,
  trainingSet: Tensor,
  params: unknown,
  options: TimexppFitOptions,
): Promise<TimexppExplainerState> {
  const started = performance.now();
  requireClassifier(box, 'timexpp');
  const shape = windowShape(trainingSet);
  const initial = untrainedTimexpp(shape.time, shape.features, params, options.seed);
  const { architecture: arch, params: p } = initial;
  const frame = shape.time * shape.features;
  const rows = trainingSet.data as Float32Array;
  const usesBox = !p.without.includes('label-consistency');
  const trainMode = usesBox ? blackBoxTrainMode(box, p) : undefined;
  const inference = usesBox && !trainMode;
  if (inference)
    await requireGradients(box, [Math.min(p.batchSize, shape.batch), shape.time, shape.features], 'timexpp');
  const clean = inference ? await cleanLogProbabilities(box, trainingSet) : undefined;
  const classes = clean ? clean.length / shape.batch : (trainMode?.outputs ?? 0);
  const statistics = referenceStatistics(rows, shape);
  const rngs = {
    order: streamRng(options.seed, STREAMS.order),
    noise: streamRng(options.seed, STREAMS.noise),
    baseline: streamRng(options.seed, STREAMS.baseline),
    dropout: streamRng(options.seed, STREAMS.dropout),
    blackBoxDropout: streamRng(options.seed, STREAMS.blackBoxDropout),
  };

  const steps = adamWSteps([...initial.values.keys()], p.weightDecay, async (batch) => {
    const model = inference ? await traceable(box, [batch, shape.time, shape.features]) : undefined;
    return traceObjective({ arch, params: p, batch, classes, init: initial.values, box, model });
  });
  const feeds = (chosen: Int32Array): Record<string, Feed> => {
    const batch = chosen.length;
    const batchShape = [batch, shape.time, shape.features];
    const x = new Float32Array(batch * frame);
    const baseline = new Float32Array(batch * frame);
    chosen.forEach((n, i) => {
      x.set(rows.subarray(n * frame, (n + 1) * frame), i * frame);
      fillBaseline(baseline, i * frame, statistics, 'gaussian', rngs.baseline);
    });
    const fed: Record<string, Feed> = {
      [FEEDS.x]: tensor('float32', batchShape, x),
      [FEEDS.noise]: gumbelDifference(rngs.noise, batchShape),
      ...Object.fromEntries(drawPolicyDropout(arch, rngs.dropout, batch)),
    };
    if (!p.without.includes('reference')) fed[FEEDS.baseline] = tensor('float32', batchShape, baseline);
    if (trainMode) {
      for (const prefix of [FEEDS.cleanDropout, FEEDS.explainedDropout]) {
        for (const [name, mask] of trainMode.draw(rngs.blackBoxDropout, batch)) fed[`${prefix}${name}`] = mask;
      }
    }
    if (clean) {
      const q = new Float32Array(batch * classes);
      chosen.forEach((n, i) => q.set(clean.subarray(n * classes, (n + 1) * classes), i * classes));
      fed[FEEDS.clean] = tensor('float32', [batch, classes], q);
    }
    return fed;
  };
  const trained = await trainEpochs({
    rows: shape.batch,
    recipe: p,
    phase: 'fitting TimeX++',
    order: rngs.order,
    steps,
    initial: initial.values,
    feeds,
    metric: (last) => -last.loss,
    onProgress: options.onProgress,
    cancel: options.cancel,
    onEpoch: (log, selected) =>
      options.onEpoch?.(log, { epoch: selected.epoch, state: { ...initial, values: selected.values } }),
  });
  return fittedState(initial, trained, shape.batch, started);
}

/** ln softmax f(X) [N·C] of every window, through the black box's inference graph. */
export async function cleanLogProbabilities(box: BlackBox, windows: Tensor): Promise<Float32Array> {
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
