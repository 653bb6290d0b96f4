import { gradients, importModel, numel, Program, readModel, tensor, toNumbers, Tracer, writeModel } from '../engine';
import type { Graph, Node, Traced, Value } from '../engine';
import { AppError } from '../errors';
import { argmax, cached, forward, requireGradients, resolveTargets } from './black-box';
import type { BlackBox } from './black-box';
import type { ExplainRun } from './explain-run';
import type { ExplainRequest } from './explainer';
import { anyTimeLength, freshNames } from './graph-edit';
import { cotangent, eachBatch } from './row-batches';
import type { GradientPlan, GradientSource, RowEvaluator } from './row-batches';
import { prefixRows, targetOf, windowShape, windows } from './window-inputs';
import type { WindowShape } from './window-inputs';

/**
 * A last-step classifier built on one forward recurrent layer (GRU or RNN: their whole state is
 * the hidden state Y exposes), seen one step at a time. Step t's output depends on x[:, :t+1] only
 * through x_t and the state h_{t−1}, so with h_{t−1} held fixed, ∂f_t/∂x_t is the gradient of one
 * step: the `step` view runs the graph on x_t [N, 1, F] from a given state h0 [1, N, H], and the
 * `states` view gives every h_t of a series, Y [T, 1, B, H].
 */
export interface StepViews {
  readonly states: BlackBox;
  readonly step: BlackBox;
  readonly input: string;
  readonly state: string;
  readonly hidden: number;
}

const RECURRENT = new Set(['GRU', 'RNN', 'LSTM', 'Loop', 'Scan']);

/** The two views of `box`, or why its graph does not decompose into steps. */
export function stepViews(box: BlackBox): StepViews | string {
  const model = readModel(box.onnx);
  const { graph } = model;
  const recurrent = graph.nodes.filter((n) => RECURRENT.has(n.op));
  const [layer] = recurrent;
  if (recurrent.length !== 1 || !layer) return `it has ${recurrent.length} recurrent nodes (one GRU or RNN is needed)`;
  if (layer.op !== 'GRU' && layer.op !== 'RNN')
    return `its recurrent node is ${layer.op} (its cell state is not an output)`;
  const direction = layer.attributes.direction;
  if (direction && (direction.kind !== 'string' || direction.value !== 'forward'))
    return `its ${layer.op} is not forward-only`;
  if (layer.attributes.layout?.value === 1) return `its ${layer.op} uses the batch-first layout`;
  if ((layer.inputs[4] ?? '') !== '' || !zeroState(graph, layer.inputs[5] ?? '')) {
    return `its ${layer.op} is given sequence lengths or a non-zero initial state`;
  }
  const hidden = layer.attributes.hidden_size;
  const [input, ...others] = graph.inputs;
  if (hidden?.kind !== 'int' || !input || others.length > 0) return 'it needs one input and a hidden_size';
  const fresh = freshNames(graph);
  const yName = layer.outputs[0] || fresh(`${layer.name}.Y`);
  const state = fresh('time_forward.h0');
  const withState: Node = {
    ...layer,
    inputs: [...layer.inputs.slice(0, 4), ...Array<string>(4 - Math.min(4, layer.inputs.length)).fill(''), '', state],
    outputs: [yName, ...layer.outputs.slice(1)],
  };
  const nodes = graph.nodes.map((n) => (n === layer ? withState : n));
  const h0: Value = { name: state, dtype: 'float32', shape: [1, -1, hidden.value] };
  const y: Value = { name: yName, dtype: 'float32', shape: [-1, 1, -1, hidden.value] };
  const view = (name: string, edit: Partial<Graph>): BlackBox => ({
    name: `${box.name} (${name})`,
    onnx: writeModel({ ...model, graph: { ...graph, inputs: [anyTimeLength(input)], valueTypes: new Map(), ...edit } }),
    output: box.output,
  });
  return {
    states: view('hidden states', { nodes: graph.nodes.slice(0, graph.nodes.indexOf(layer) + 1), outputs: [y] }),
    step: view('one step', { inputs: [anyTimeLength(input), h0], nodes }),
    input: input.name,
    state,
    hidden: hidden.value,
  };
}

/** An omitted initial state, or zeros as PyTorch exports them (ConstantOfShape of 0, or a zero initializer). */
function zeroState(graph: Graph, name: string): boolean {
  if (name === '') return true;
  const initializer = graph.initializers.get(name);
  if (initializer) return toNumbers(initializer).every((v) => v === 0);
  const producer = graph.nodes.find((n) => n.outputs.includes(name));
  const value = producer?.attributes.value;
  return (
    producer?.op === 'ConstantOfShape' &&
    (value === undefined || (value.kind === 'tensor' && toNumbers(value.value).every((v) => v === 0)))
  );
}

/**
 * A request's model seen one step at a time on the request's own windows: the views, every state
 * h_t of each window, and every step's outputs f_t [B·T·K] (window-major). The decomposition is
 * checked on these windows (the last step against the model, and step T/2 against the model run on
 * that prefix); a string says why it does not apply.
 */
export interface CausalSteps {
  readonly views: StepViews;
  readonly shape: WindowShape;
  /** Y of the windows, [T, 1, B, H]. */
  readonly states: Float32Array;
  readonly outputs: Float32Array;
  readonly classes: number;
}

export async function causalSteps(request: ExplainRequest<unknown>): Promise<CausalSteps | string> {
  const views = stepViews(request.model);
  if (typeof views === 'string') return `${request.model.name}: ${views}`;
  try {
    return await stepsOn(request, views);
  } catch (error) {
    // A view the engine cannot run (e.g. a reshape that fixes the length) leaves the prefix loop.
    if (error instanceof AppError) return `${request.model.name}: its one-step view does not run: ${error.message}`;
    throw error;
  }
}

async function stepsOn(request: ExplainRequest<unknown>, views: StepViews): Promise<CausalSteps | string> {
  const shape = windowShape(request.x);
  const states = (await forward(views.states, request.x)).data as Float32Array;
  const { batch: B, time: T, features: F } = shape;
  const x = request.x.data as Float32Array;
  const { outputs, classes } = await stepForward({ views, shape, states }, B * T, (r) => ({
    window: Math.floor(r / T),
    step: r % T,
    fill: (into, offset) => into.set(x.subarray(r * F, (r + 1) * F), offset),
  }));
  const mismatch = await checkSteps(request, shape, outputs, classes);
  return mismatch ? `${request.model.name}: ${mismatch}` : { views, shape, states, outputs, classes };
}

/** Row r of a one-step evaluation: step `step` of window `window`, its x_step written by `fill`. */
interface StepRow {
  readonly window: number;
  readonly step: number;
  fill(into: Float32Array, offset: number): void;
}

/**
 * f_step for `count` rows that each change only one step of one window: x_step from the row, the
 * state before it that of the unchanged window. Returns [count·K] and K.
 */
async function stepForward(
  causal: Pick<CausalSteps, 'views' | 'shape' | 'states'>,
  count: number,
  rowAt: (r: number) => StepRow,
): Promise<{ outputs: Float32Array; classes: number }> {
  const { views, shape, states } = causal;
  const F = shape.features;
  const H = views.hidden;
  const rows = Math.max(1, Math.min(count, STEP_ROWS));
  const { program, classes } = await stepProgram(views, rows, F, false);
  const outputs = new Float32Array(count * classes);
  const x = new Float32Array(rows * F);
  const h = new Float32Array(rows * H);
  for (let first = 0; first < count; first += rows) {
    const real = Math.min(rows, count - first);
    x.fill(0);
    h.fill(0);
    for (let r = 0; r < real; r++) {
      const row = rowAt(first + r);
      row.fill(x, r * F);
      stateBefore(states, shape, H, row.window, row.step, h, r * H);
    }
    const { y } = await program.run({ x: tensor('float32', [rows, 1, F], x), h: tensor('float32', [1, rows, H], h) });
    if (!y) throw new AppError('internal', 'the step program returned no output');
    outputs.set((y.data as Float32Array).subarray(0, real * classes), first * classes);
  }
  return { outputs, classes };
}

/**
 * Evaluates a plan of prefix rows x[:, :length] one step at a time: only each row's last step
 * (the one the time-forward occlusion changes) is run, from its window's state before it.
 */
export function lastStepEvaluator(causal: CausalSteps, length: number): RowEvaluator {
  return async (plan, run) => {
    const F = causal.shape.features;
    const windowOf = plan.windowOf;
    if (!windowOf) throw new AppError('internal', "a one-step evaluation needs each row's window");
    const prefix = new Float32Array(length * F);
    run?.check();
    const result = await stepForward(causal, plan.rows, (r) => ({
      window: windowOf(r),
      step: length - 1,
      fill: (into, offset) => {
        plan.fill(r, prefix, 0);
        into.set(prefix.subarray((length - 1) * F), offset);
      },
    }));
    run?.step();
    return result;
  };
}

/** Where the tunnel's gradient methods get ∂f_t/∂x_t from, plus the targets they explain. */
export interface TimeForwardGradients extends GradientSource {
  /** One per window: its last step's (the whole series' prefix). */
  readonly targets: readonly number[];
  /** Step-major, [T·B], as the prefix loop records them. */
  readonly targetsPerTime: readonly number[];
}

/**
 * The time-forward tunnel's gradients in one pass over the series instead of one per prefix: for
 * each point z [T, F] of a method's plan, the states of z, then every step's one-step gradient
 * ∂f_t[c_t](z_t, h_{t−1})/∂z_t, batched over steps. This equals the prefix loop's kept entry,
 * out[:, t] of the method run on z[:, :t+1], because the path or sample points of a prefix are the
 * prefixes of the whole series' points.
 */
export async function timeForwardGradients(
  request: ExplainRequest<unknown>,
  causal: CausalSteps,
  method: string,
): Promise<TimeForwardGradients> {
  await requireGradients(request.model, request.x.shape, method);
  return {
    ...(await stepTargets(request, causal)),
    gradients: (plan, run) => stepGradientRows(causal.views, plan, run),
  };
}

/** The class each step explains: the given one, or the step's own predicted class (task "binary"). */
export async function stepTargets(
  request: ExplainRequest<unknown>,
  causal: CausalSteps,
): Promise<Omit<TimeForwardGradients, 'gradients'>> {
  const { shape, outputs, classes } = causal;
  const given =
    request.model.output === 'values' || request.targets
      ? await resolveTargets(request.model, request.x, request.targets)
      : undefined;
  const { batch: B, time: T } = shape;
  const targetsPerTime = Array.from({ length: T * B }, (_, k) => {
    const [t, i] = [Math.floor(k / B), k % B];
    return given ? (targetOf(given, i) ?? -1) : argmax(outputs, (i * T + t) * classes, classes);
  });
  const regression = request.model.output === 'values';
  return {
    targets: regression ? [] : targetsPerTime.slice((T - 1) * B),
    targetsPerTime: regression ? [] : targetsPerTime,
    target: (window, step) => (regression ? undefined : targetsPerTime[step * B + window]),
  };
}

/** The state before step t of window i, from Y [T, 1, B, H] (zeros before step 0), written at `offset`. */
export function stateBefore(
  states: Float32Array,
  shape: WindowShape,
  hidden: number,
  i: number,
  t: number,
  into: Float32Array,
  offset: number,
): void {
  if (t === 0) into.fill(0, offset, offset + hidden);
  else {
    const at = ((t - 1) * shape.batch + i) * hidden;
    into.set(states.subarray(at, at + hidden), offset);
  }
}

/** Where the step decomposition disagrees with the model on these windows, if it does. */
async function checkSteps(
  request: ExplainRequest<unknown>,
  shape: WindowShape,
  logits: Float32Array,
  classes: number,
): Promise<string | undefined> {
  const { batch: B, time: T, features: F } = shape;
  const x = request.x.data as Float32Array;
  for (const length of new Set([T, Math.ceil(T / 2)])) {
    const prefix = prefixRows(x, shape, length);
    const y = (await forward(request.model, tensor('float32', [B, length, F], prefix))).data as Float32Array;
    if (y.length !== B * classes) return `its output has ${y.length / B} values per window, its steps ${classes}`;
    for (let i = 0; i < B; i++) {
      for (let k = 0; k < classes; k++) {
        const whole = y[i * classes + k] ?? NaN;
        const step = logits[(i * T + length - 1) * classes + k] ?? NaN;
        if (!(Math.abs(whole - step) <= 1e-4 * (1 + Math.abs(whole)))) {
          return `step ${length} of window ${i} gives ${step} one step at a time but ${whole} from the model (output ${k}): the graph mixes time steps`;
        }
      }
    }
  }
  return undefined;
}

/**
 * The plan's rows are whole series z; each one's gradient is [T·F], entry t being ∂f_t/∂z_t at step
 * t's seed, from z's own state h_{t−1}. Progress and cancellation per plan batch; each batch runs in
 * chunks of whole series.
 */
async function stepGradientRows(views: StepViews, plan: GradientPlan, run?: ExplainRun): Promise<void> {
  const { time: T, features: F } = plan.shape;
  const H = views.hidden;
  await eachBatch(plan, run, async (z, first, count, size) => {
    const series = Math.min(size, Math.max(1, Math.floor(STEP_ROWS / T)));
    const rows = series * T;
    const { program, classes } = await stepProgram(views, rows, F, true);
    for (let c = 0; c < count; c += series) {
      const part = new Float32Array(rows * F);
      part.set(z.subarray(c * T * F, Math.min(c + series, size) * T * F));
      const Y = (await forward(views.states, windows(series, plan.shape, part))).data as Float32Array;
      const h = new Float32Array(rows * H);
      const chunk = { ...plan.shape, batch: series };
      for (let r = 0; r < rows; r++) stateBefore(Y, chunk, H, Math.floor(r / T), r % T, h, r * H);
      const real = Math.min(series, count - c);
      const u = cotangent(rows, classes, (r) => {
        const s = Math.floor(r / T);
        return s < real ? plan.seed(first + c + s, r % T) : undefined;
      });
      const { gradient } = await program.run({
        x: tensor('float32', [rows, 1, F], part),
        h: tensor('float32', [1, rows, H], h),
        u: tensor('float32', [rows, classes], u),
      });
      if (!gradient) throw new AppError('internal', 'the step program returned no gradient');
      for (let s = 0; s < real; s++) plan.take(first + c + s, gradient.data as Float32Array, s * T * F);
    }
  });
}

/** Rows per run of a one-step program (a gradient batch holds ⌊STEP_ROWS / T⌋ whole series). */
export const STEP_ROWS = 32768;

const stepPrograms = new WeakMap<Uint8Array, Map<string, Promise<{ program: Program; classes: number }>>>();

/**
 * x [N, 1, F], h [1, N, H] → y = f(x; h) [N, K]; with `gradient`, u [N, K] → only the gradient
 * uᵀ ∂y/∂x [N, 1, F] (forward-only methods need no gradient rules).
 */
function stepProgram(
  views: StepViews,
  rows: number,
  features: number,
  gradient: boolean,
): Promise<{ program: Program; classes: number }> {
  return cached(stepPrograms, views.step, `${rows}|${gradient}`, async () => {
    const xShape = [rows, 1, features];
    const hShape = [1, rows, views.hidden];
    const model = await importModel(views.step.onnx, { inputShapes: { [views.input]: xShape, [views.state]: hShape } });
    const g = new Tracer();
    const x = g.input('x', 'float32', xShape);
    const outputs = g.call(model, { [views.input]: x, [views.state]: g.input('h', 'float32', hShape) });
    const first = Object.values(outputs)[0];
    if (!first) throw new AppError('bad-input', `${views.step.name} has no output`);
    const y = first.reshape([rows, -1]);
    const classes = numel(y.shape) / rows;
    if (!gradient) return { program: await Program.compile({ y }, views.step.programOptions), classes };
    const [dx] = gradients(y, [x], { seed: g.input('u', 'float32', y.shape) }) as [Traced];
    return { program: await Program.compile({ gradient: dx }, views.step.programOptions), classes };
  });
}
