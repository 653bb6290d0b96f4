import { gradients, Program, Tracer } from '../engine';
import type { Traced } from '../engine';
import { cached, callModel, forward, traceable } from './black-box';
import type { BlackBox } from './black-box';
import type { ExplainRun } from './explain-run';
import { targetOf, windows } from './window-inputs';
import type { WindowShape } from './window-inputs';

/**
 * Many rows (interpolation steps, occluded copies) through the model in batches of a fixed size:
 * one compiled program serves every batch (the last is padded with zeros), and the explainer
 * reports progress and checks for cancellation between batches.
 */
export interface RowPlan {
  readonly rows: number;
  /** T and F of each row. */
  readonly shape: WindowShape;
  /** Rows per model run; default all at once. */
  readonly batchRows?: number;
  /** Writes row `row` (T·F values) into `into` at `offset`. */
  fill(row: number, into: Float32Array, offset: number): void;
  /** The explained window row `row` derives from (a one-step evaluator reads that window's state). */
  readonly windowOf?: (row: number) => number;
}

/** Runs a plan's rows through the model: `forwardRows`, or one step at a time (`lastStepEvaluator`). */
export type RowEvaluator = (plan: RowPlan, run?: ExplainRun) => Promise<{ outputs: Float32Array; classes: number }>;

/** What a row differentiates: weight · output `target` (every output, for regressors). */
export interface RowSeed {
  readonly target: number | undefined;
  readonly weight: number;
}

export interface GradientPlan extends RowPlan {
  /** Row `row`'s seed; under the time-forward tunnel, the seed of its step `step`'s own output. */
  seed(row: number, step: number): RowSeed;
  /** Receives the gradient of row `row` (T·F values of `gradient` from `offset`). */
  take(row: number, gradient: Float32Array, offset: number): void;
}

export function batchCount(plan: Pick<RowPlan, 'rows' | 'batchRows'>): number {
  return Math.ceil(plan.rows / batchSize(plan));
}

/** The model's outputs for every row, [rows · K], and K. */
export async function forwardRows(
  box: BlackBox,
  plan: RowPlan,
  run?: ExplainRun,
): Promise<{ outputs: Float32Array; classes: number }> {
  let outputs = new Float32Array(0);
  let classes = 0;
  await eachBatch(plan, run, async (x, first, count, size) => {
    const y = (await forward(box, windows(size, plan.shape, x))).data as Float32Array;
    classes = y.length / size;
    if (outputs.length === 0) outputs = new Float32Array(plan.rows * classes);
    outputs.set(y.subarray(0, count * classes), first * classes);
  });
  return { outputs, classes };
}

/** The seeded gradient of every row (J^T u with u = weight · one-hot target), handed to `plan.take`. */
export async function gradientRows(box: BlackBox, plan: GradientPlan, run?: ExplainRun): Promise<void> {
  const rowSize = plan.shape.time * plan.shape.features;
  await eachBatch(plan, run, async (x, first, count, size) => {
    const { program, classes } = await gradientProgram(box, [size, plan.shape.time, plan.shape.features]);
    const last = plan.shape.time - 1;
    const u = cotangent(size, classes, (r) => (r < count ? plan.seed(first + r, last) : undefined));
    const { gradient } = await program.run({ x: windows(size, plan.shape, x), u });
    for (let r = 0; r < count; r++) plan.take(first + r, gradient?.data as Float32Array, r * rowSize);
  });
}

/**
 * Where a gradient method's gradients come from: the model's (`modelGradients`), or under the
 * time-forward tunnel each step's own output (`timeForwardGradients`).
 */
export interface GradientSource {
  /** The class explained for window `window` (at step `step` under the tunnel); undefined for regressors. */
  target(window: number, step: number): number | undefined;
  gradients(plan: GradientPlan, run?: ExplainRun): Promise<void>;
}

export function modelGradients(box: BlackBox, targets: readonly number[]): GradientSource {
  return { target: (window) => targetOf(targets, window), gradients: (plan, run) => gradientRows(box, plan, run) };
}

/** The cotangent u [rows, K] of J^T u: each row's seed (zero rows where there is none). */
export function cotangent(rows: number, classes: number, seed: (row: number) => RowSeed | undefined): Float32Array {
  const u = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) {
    const s = seed(r);
    if (s?.target === undefined) u.fill(s?.weight ?? 0, r * classes, (r + 1) * classes);
    else u[r * classes + s.target] = s.weight;
  }
  return u;
}

const gradientPrograms = new WeakMap<Uint8Array, Map<string, Promise<{ program: Program; classes: number }>>>();

/** x [S, T, F], u [S, K] → gradient = J^T u, for one batch shape of the model. */
function gradientProgram(box: BlackBox, shape: readonly number[]): Promise<{ program: Program; classes: number }> {
  return cached(gradientPrograms, box, shape.join(','), async () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', shape);
    const y = callModel(g, await traceable(box, shape), x).reshape([shape[0] ?? 1, -1]);
    const u = g.input('u', 'float32', y.shape);
    const [gradient] = gradients(y, [x], { seed: u }) as [Traced];
    return { program: await Program.compile({ gradient }, box.programOptions), classes: y.shape[1] ?? 1 };
  });
}

function batchSize(plan: Pick<RowPlan, 'rows' | 'batchRows'>): number {
  return Math.max(1, Math.min(plan.batchRows ?? plan.rows, plan.rows));
}

export async function eachBatch(
  plan: RowPlan,
  run: ExplainRun | undefined,
  body: (x: Float32Array, first: number, count: number, size: number) => Promise<void>,
): Promise<void> {
  const size = batchSize(plan);
  const rowSize = plan.shape.time * plan.shape.features;
  const x = new Float32Array(size * rowSize);
  for (let first = 0; first < plan.rows; first += size) {
    run?.check();
    const count = Math.min(size, plan.rows - first);
    for (let r = 0; r < count; r++) plan.fill(first + r, x, r * rowSize);
    x.fill(0, count * rowSize);
    await body(x, first, count, size);
    run?.step();
  }
}
