import { z } from 'zod';
import { gradients, importModel, Program, readModel, tensor, Tracer } from '../engine';
import type { Graph, Traced } from '../engine';
import { AppError } from '../errors';
import { cached, forward, requireGradients, traceable } from './black-box';
import type { BlackBox } from './black-box';
import { STEP_ROWS, stateBefore, stepTargets } from './causal-steps';
import type { CausalSteps } from './causal-steps';
import { convergenceDelta } from './convergence-delta';
import { rescaledOps, rescaleGraphs } from './deeplift-graph';
import { ExplainRun } from './explain-run';
import { defineExplainer } from './explainer';
import type { ExplainRequest, Explanation } from './explainer';
import { gradientTargets } from './gradient';
import { cotangent } from './row-batches';
import { baselineParam, baselineValues, targetOf, windows } from './window-inputs';

/** Ops Captum gives rules of their own (nn.Softmax, nn.MaxPoolNd) that this port does not implement. */
const unhandledRuleOps = ['Softmax', 'MaxPool'];
/** Fused ops whose inner nonlinearities Captum does not hook either. */
const recurrentOps = ['GRU', 'LSTM', 'RNN'];

export const deepLiftParams = z.object({
  baseline: baselineParam.default('zero'),
  /** False returns the multipliers alone (Captum's multiply_by_inputs). */
  multiplyByInputs: z.boolean().default(true),
});
type DeepLiftParams = z.output<typeof deepLiftParams>;

/**
 * DeepLift with the rescale rule (Captum `DeepLift`): attr = (x − b) ⊙ m, where m is the gradient
 * of f_t with each Relu/Elu/LeakyRelu/Sigmoid/Tanh/Softplus derivative replaced by Δy/Δz between
 * the input and the baseline pass. Other ops keep their ordinary gradient at x, Captum's linear
 * rule and its fallback: a model with no such node (a GRU classifier) gets (x − b) ⊙ ∇f(x).
 */
export const deepLift = defineExplainer({
  name: 'deeplift',
  title: 'DeepLift (rescale rule)',
  needsGradients: true,
  params: deepLiftParams,
  async explain(request) {
    const { baseline, multiplyByInputs } = request.params;
    const run = new ExplainRun(request, 'deeplift');
    const { shape, targets } = await gradientTargets(request, 'deeplift');
    const x = request.x.data as Float32Array;
    const b = baselineValues(baseline, shape, request.reference, 'deeplift');
    const { program, classes, graph, rescaled } = await deepLiftProgram(request.model, request.x.shape);
    run.plan(1);
    run.check();
    const u = cotangent(shape.batch, classes, (i) => ({ target: targetOf(targets, i), weight: 1 }));
    const { multiplier } = await program.run({ x: request.x, b: windows(shape.batch, shape, b), u });
    run.step();
    const m = multiplier?.data as Float32Array;
    const attr = withInputs(m, x, b, multiplyByInputs);
    const delta = await convergenceDelta(request.model, shape, attr, x, b, (row) => targetOf(targets, row));
    return {
      saliency: tensor('float32', request.x.shape, attr),
      scale: 'signed',
      info: run.info('deeplift', targets, {
        diagnostics: { delta, rescaledNodes: rescaled.length },
        notes: ruleNotes(graph, rescaled),
      }),
    };
  },
});

/**
 * tint's TimeForwardTunnel(DeepLift) where the model decomposes into steps (`causal-steps.ts`): the
 * kept entry of prefix t is x_t's, which reaches the output only through step t, so it is DeepLift of
 * that one step, run from the window's state h_{t−1} against the baseline's state before step t as its
 * reference (the baseline prefix's own pass), for step t's class. All steps of all windows in one pass.
 */
export async function explainDeepLiftSteps(
  request: ExplainRequest<DeepLiftParams>,
  causal: CausalSteps,
): Promise<Explanation> {
  const { baseline, multiplyByInputs } = request.params;
  const run = new ExplainRun(request, 'deeplift');
  const { shape, views, states } = causal;
  await requireGradients(request.model, request.x.shape, 'deeplift');
  const { targets, targetsPerTime, target } = await stepTargets(request, causal);
  const x = request.x.data as Float32Array;
  const b = baselineValues(baseline, shape, request.reference, 'deeplift');
  const baselineStates = (await forward(views.states, tensor('float32', request.x.shape, b))).data as Float32Array;
  const { batch: B, time: T, features: F } = shape;
  const H = views.hidden;
  const rows = Math.min(B * T, STEP_ROWS);
  const state = { name: views.state, shape: [1, rows, H] };
  const { program, classes, graph, rescaled } = await deepLiftProgram(views.step, [rows, 1, F], state);
  const m = new Float32Array(x.length);
  run.plan(Math.ceil((B * T) / rows));
  for (let first = 0; first < B * T; first += rows) {
    run.check();
    const count = Math.min(rows, B * T - first);
    const part = (values: Float32Array): Float32Array => {
      const out = new Float32Array(rows * F);
      out.set(values.subarray(first * F, (first + count) * F));
      return out;
    };
    const [h, hRef] = [new Float32Array(rows * H), new Float32Array(rows * H)];
    for (let r = 0; r < count; r++) {
      const [i, t] = [Math.floor((first + r) / T), (first + r) % T];
      stateBefore(states, shape, H, i, t, h, r * H);
      stateBefore(baselineStates, shape, H, i, t, hRef, r * H);
    }
    const u = cotangent(rows, classes, (r) =>
      r < count ? { target: target(Math.floor((first + r) / T), (first + r) % T), weight: 1 } : undefined,
    );
    const { multiplier } = await program.run({
      x: tensor('float32', [rows, 1, F], part(x)),
      b: tensor('float32', [rows, 1, F], part(b)),
      h: tensor('float32', state.shape, h),
      hRef: tensor('float32', state.shape, hRef),
      u: tensor('float32', [rows, classes], u),
    });
    m.set((multiplier?.data as Float32Array).subarray(0, count * F), first * F);
    run.step();
  }
  return {
    saliency: tensor('float32', request.x.shape, withInputs(m, x, b, multiplyByInputs)),
    scale: 'signed',
    info: run.info('deeplift', targets, {
      diagnostics: { targetsPerTime, rescaledNodes: rescaled.length },
      notes: ruleNotes(graph, rescaled),
    }),
  };
}

/** (x − b) ⊙ m, or the multipliers alone. */
function withInputs(m: Float32Array, x: Float32Array, b: Float32Array, multiplyByInputs: boolean): Float32Array {
  return m.map((v, i) => (multiplyByInputs ? v * ((x[i] ?? 0) - (b[i] ?? 0)) : v));
}

interface DeepLiftProgram {
  readonly program: Program;
  readonly classes: number;
  readonly graph: Graph;
  readonly rescaled: readonly string[];
}

const programs = new WeakMap<Uint8Array, Map<string, Promise<DeepLiftProgram>>>();

/** A second model input, a recurrent state, given to the input pass (`h`) and the baseline pass (`hRef`). */
interface StateInput {
  readonly name: string;
  readonly shape: readonly number[];
}

/**
 * x, b [B, T, F] and u [B, K] (with `state`, also h and hRef) → the rescaled gradient of u·f(x):
 * both passes in one program.
 */
function deepLiftProgram(box: BlackBox, shape: readonly number[], state?: StateInput): Promise<DeepLiftProgram> {
  return cached(programs, box, `${shape.join(',')}|${state?.shape.join(',') ?? ''}`, async () => {
    const inputName = readModel(box.onnx).graph.inputs[0]?.name ?? 'x';
    const model = state
      ? await importModel(box.onnx, { inputShapes: { [inputName]: shape, [state.name]: state.shape } })
      : await traceable(box, shape);
    const graphs = rescaleGraphs(model.graph);
    const outputName = model.graph.outputs[0]?.name ?? '';
    const g = new Tracer();
    const x = g.input('x', 'float32', shape);
    const b = g.input('b', 'float32', shape);
    const stateOf = (feed: string): Record<string, Traced> =>
      state ? { [state.name]: g.input(feed, 'float32', state.shape) } : {};
    const reference = g.call({ graph: graphs.reference, opsets: model.opsets }, { [inputName]: b, ...stateOf('hRef') });
    const linked = Object.fromEntries(graphs.links.map((l) => [l.input, reference[l.output] as Traced]));
    const inputs = { [inputName]: x, ...stateOf('h'), ...linked };
    const out = g.call({ graph: graphs.rescaled, opsets: model.opsets }, inputs)[outputName];
    if (!out) throw new AppError('bad-input', `${box.name} has no output`);
    const y = out.reshape([shape[0] ?? 1, -1]);
    const u = g.input('u', 'float32', y.shape);
    const [multiplier] = gradients(y, [x], { seed: u }) as [Traced];
    return {
      program: await Program.compile({ multiplier }, box.programOptions),
      classes: y.shape[1] ?? 1,
      graph: model.graph,
      rescaled: graphs.nodes.map((n) => n.op),
    };
  });
}

/** Which rule each kind of op got, in words, for `info.notes`. */
function ruleNotes(graph: Graph, rescaled: readonly string[]): string[] {
  const ops = new Set(graph.nodes.map((n) => n.op));
  const present = (list: readonly string[]) => list.filter((op) => ops.has(op));
  const counts = [...new Set(rescaled)].map((op) => `${op} ×${rescaled.filter((r) => r === op).length}`);
  const notes = [
    rescaled.length > 0
      ? `rescale rule (Δy/Δz between input and baseline) at ${rescaled.length} node(s): ${counts.join(', ')}; every other op passes its ordinary gradient (Captum's linear rule)`
      : `no ${rescaledOps.join('/')} node to rescale: the result is Captum's fallback (x − b) ⊙ ∇f(x)`,
  ];
  const recurrent = present(recurrentOps);
  if (recurrent.length > 0) {
    notes.push(
      `${recurrent.join(', ')}: gradient at x, as Captum (it does not hook the gates inside recurrent layers)`,
    );
  }
  const unhandled = present(unhandledRuleOps);
  if (unhandled.length > 0) {
    notes.push(`${unhandled.join(', ')}: gradient at x; Captum's own rule for these modules is not implemented here`);
  }
  return notes;
}
