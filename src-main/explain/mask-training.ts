import { fromNumbers, tensor, toNumbers } from '../engine';
import type { Feed, StepResult, Tensor, Traced, Tracer, TrainingStep } from '../engine';
import { forward, requireGradients, resolveTargets } from './black-box';
import { checkFidelityLoss, hardLabels } from './fidelity-loss';
import type { FidelityLoss, FidelityTarget } from './fidelity-loss';
import type { ExplainInfo, ExplainRequest } from './explainer';
import { windowShape } from './window-inputs';

/**
 * The training loop the mask explainers share (spec §0.1): the explained rows visited in
 * consecutive batches, in order, every epoch, one optimiser step per batch. Each method builds one
 * TrainingStep whose graph does the batch's forward, loss and update; this module feeds it.
 */

/** What a step is fed beyond the batch: the windows, the reference outputs and (cross-entropy) their labels. */
export interface DataFeeds {
  readonly x: Tensor;
  readonly reference: Tensor;
  readonly labels?: Tensor;
}

/** The explained windows [N, T, D], checked, with the targets resolved and the reference outputs. */
export interface MaskProblem {
  readonly rows: number;
  readonly steps: number;
  readonly features: number;
  readonly targets: number[];
  readonly data: DataFeeds;
  /** performance.now() when the explanation started. */
  readonly started: number;
}

export interface MaskProblemOptions {
  /** The rows the training graph calls the model on, for N explained rows. */
  modelRows(rows: number): number;
  readonly loss: FidelityLoss;
  /** The outputs the perturbed ones are compared with: f(x), or f(0) (ExtrMask's deletion game). */
  readonly reference?: 'input' | 'zero';
}

/**
 * Checks the input and the loss, refuses a model the engine cannot differentiate, resolves the
 * targets and computes the reference outputs once (the training graph is fed them, not f(x) again).
 */
export async function prepareMaskProblem(
  method: string,
  request: ExplainRequest<unknown>,
  options: MaskProblemOptions,
): Promise<MaskProblem> {
  const started = performance.now();
  const { x, model } = request;
  const { batch: rows, time: steps, features } = windowShape(x);
  checkFidelityLoss(options.loss, model, method);
  await requireGradients(model, [options.modelRows(rows), steps, features], method);
  const targets = await resolveTargets(model, x, request.targets);
  const reference = await forward(model, options.reference === 'zero' ? tensor('float32', x.shape) : x);
  const labels = options.loss === 'cross-entropy' ? hardLabels(reference, targets) : undefined;
  return { rows, steps, features, targets, data: { x, reference, ...(labels ? { labels } : {}) }, started };
}

/** The data as graph inputs (named as the feeds), the batch's rows selected. */
export function dataInputs(g: Tracer, data: DataFeeds, batch?: BatchGraph): { x: Traced; target: FidelityTarget } {
  const input = (name: string, t: Tensor): Traced => {
    const v = g.input(name, 'float32', t.shape);
    return batch ? batch.select(v) : v;
  };
  return {
    x: input('x', data.x),
    target: { y: input('reference', data.reference), ...(data.labels ? { labels: input('labels', data.labels) } : {}) },
  };
}

/** Consecutive batches of `size` rows over `rows` rows; a short last batch is padded with rows of weight 0. */
export class RowBatches {
  readonly size: number;
  readonly count: number;

  constructor(
    readonly rows: number,
    batchSize: number,
  ) {
    this.size = Math.min(batchSize, rows);
    this.count = Math.ceil(rows / this.size);
  }

  /** The feeds selecting batch `k` (none when one batch holds every row). */
  feeds(k: number): Record<string, Tensor> {
    if (this.count === 1) return {};
    const first = k * this.size;
    const real = Math.min(this.size, this.rows - first);
    const index = Array.from({ length: this.size }, (_, i) => first + (i < real ? i : 0));
    const weights = Array.from({ length: this.size }, (_, i) => (i < real ? 1 / real : 0));
    return {
      [ROWS]: fromNumbers('int64', [this.size], index),
      [WEIGHTS]: fromNumbers('float32', [this.size], weights),
    };
  }
}

const ROWS = 'batch.rows';
const WEIGHTS = 'batch.weights';

/** The batch inside the traced graph. */
export interface BatchGraph {
  /** The batch's rows of `v` along `axis`. */
  select(v: Traced, axis?: number): Traced;
  /** The mean over the batch's rows of per-row values [..., B] (the padding weighs nothing). */
  mean(perRow: Traced): Traced;
}

export function batchGraph(g: Tracer, batches: RowBatches): BatchGraph {
  const last = (v: Traced): number[] => [v.rank - 1];
  if (batches.count === 1) return { select: (v) => v, mean: (v) => v.reduceMean(last(v)) };
  const rows = g.input(ROWS, 'int64', [batches.size]);
  const weights = g.input(WEIGHTS, 'float32', [batches.size]);
  return {
    select: (v, axis = 0) => v.gather(rows, axis),
    mean: (v) => v.mul(weights).reduceSum(last(v)),
  };
}

export interface MaskOptimisation {
  readonly training: TrainingStep;
  readonly epochs: number;
  readonly batches: RowBatches;
  /** The step's feeds beyond the batch selection: data, noise, schedules. */
  feeds(epoch: number, batch: number): Record<string, Feed>;
  /** Sees each step's result (outputs a later step's feeds depend on). */
  afterStep?(result: StepResult): void;
}

export interface OptimisationResult {
  readonly steps: number;
  /** The last step's total loss and its terms (the step's rank-0 outputs). */
  readonly finalLosses: Record<string, number>;
}

/** Runs every step, reporting progress with the loss and checking for cancellation before each. */
export async function optimise(
  plan: MaskOptimisation,
  request: Pick<ExplainRequest<unknown>, 'onProgress' | 'cancel'>,
): Promise<OptimisationResult> {
  const { training, epochs, batches } = plan;
  const steps = epochs * batches.count;
  let finalLosses: Record<string, number> = {};
  for (let epoch = 0, step = 0; epoch < epochs; epoch++) {
    for (let k = 0; k < batches.count; k++) {
      request.cancel?.throwIfCancelled();
      const result = await training.step({ ...batches.feeds(k), ...plan.feeds(epoch, k) });
      plan.afterStep?.(result);
      step++;
      request.onProgress?.({ step, steps, phase: 'optimising', loss: result.loss });
      if (step === steps) {
        finalLosses = { total: result.loss };
        for (const [name, value] of Object.entries(result.outputs)) {
          if (value.shape.length === 0) finalLosses[name] = toNumbers(value)[0] ?? NaN;
        }
      }
    }
  }
  return { steps, finalLosses };
}

/** The `info` of a mask explanation. */
export function maskInfo(
  method: string,
  request: ExplainRequest<Readonly<Record<string, unknown>>>,
  problem: MaskProblem,
  result: OptimisationResult,
  diagnostics?: ExplainInfo['diagnostics'],
): ExplainInfo {
  return {
    method,
    params: request.params,
    seed: request.seed,
    targets: problem.targets,
    steps: result.steps,
    finalLosses: result.finalLosses,
    runtimeMs: performance.now() - problem.started,
    ...(diagnostics ? { diagnostics } : {}),
  };
}

/** clip01 of a float32 tensor, as the methods return their masks. */
export function clipUnit(t: Tensor): Tensor {
  const data = new Float32Array(t.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(1, Math.max(0, Number(t.data[i])));
  return { dtype: 'float32', shape: [...t.shape], data };
}

/** A float32 tensor of `shape` holding `value` everywhere (the masks' initial value). */
export function filled(shape: readonly number[], value: number): Tensor {
  const data = new Float32Array(shape.reduce((n, d) => n * d, 1)).fill(value);
  return tensor('float32', shape, data);
}
