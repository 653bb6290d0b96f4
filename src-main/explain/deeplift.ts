import { z } from 'zod';
import { gradients, Program, tensor, Tracer } from '../engine';
import type { Graph, Traced } from '../engine';
import { AppError } from '../errors';
import { cached, traceable } from './black-box';
import type { BlackBox } from './black-box';
import { convergenceDelta } from './convergence-delta';
import { rescaledOps, rescaleGraphs } from './deeplift-graph';
import { ExplainRun } from './explain-run';
import { defineExplainer } from './explainer';
import { gradientTargets } from './gradient';
import { cotangent } from './row-batches';
import { baselineParam, baselineValues, targetOf, windows } from './window-inputs';

/** Ops Captum gives rules of their own (nn.Softmax, nn.MaxPoolNd) that this port does not implement. */
const unhandledRuleOps = ['Softmax', 'MaxPool'];
/** Fused ops whose inner nonlinearities Captum does not hook either. */
const recurrentOps = ['GRU', 'LSTM', 'RNN'];

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
  params: z.object({
    baseline: baselineParam.default('zero'),
    /** False returns the multipliers alone (Captum's multiply_by_inputs). */
    multiplyByInputs: z.boolean().default(true),
  }),
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
    const attr = m.map((v, i) => (multiplyByInputs ? v * ((x[i] ?? 0) - (b[i] ?? 0)) : v));
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

interface DeepLiftProgram {
  readonly program: Program;
  readonly classes: number;
  readonly graph: Graph;
  readonly rescaled: readonly string[];
}

const programs = new WeakMap<Uint8Array, Map<string, Promise<DeepLiftProgram>>>();

/** x, b [B, T, F] and u [B, K] → the rescaled gradient of u·f(x): both passes in one program. */
function deepLiftProgram(box: BlackBox, shape: readonly number[]): Promise<DeepLiftProgram> {
  return cached(programs, box, shape.join(','), async () => {
    const model = await traceable(box, shape);
    const graphs = rescaleGraphs(model.graph);
    const inputName = model.graph.inputs[0]?.name ?? 'x';
    const outputName = model.graph.outputs[0]?.name ?? '';
    const g = new Tracer();
    const x = g.input('x', 'float32', shape);
    const b = g.input('b', 'float32', shape);
    const reference = g.call({ graph: graphs.reference, opsets: model.opsets }, { [inputName]: b });
    const linked = Object.fromEntries(graphs.links.map((l) => [l.input, reference[l.output] as Traced]));
    const out = g.call({ graph: graphs.rescaled, opsets: model.opsets }, { [inputName]: x, ...linked })[outputName];
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
