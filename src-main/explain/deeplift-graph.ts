import { fromNumbers } from '../engine';
import type { Graph, Node, Tensor, Value } from '../engine';
import { engineDomain } from '../engine/ops';

/** The ONNX forms of the modules Captum's DeepLift hooks with the rescale rule. */
export const rescaledOps: readonly string[] = ['Relu', 'Elu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Softplus'];

/** Captum's eps: where |z − z_ref| is below it, the ordinary gradient is kept. */
const eps = 1e-10;

/** A value the baseline pass hands to the input pass: an output of one graph, an input of the other. */
export interface ReferenceLink {
  readonly output: string;
  readonly input: string;
}

export interface RescaleGraphs {
  /** The model, also returning the input and output of every rescaled node: run on the baselines. */
  readonly reference: Graph;
  /** The model taking those values as extra inputs, each rescaled node's derivative replaced by Δy/Δz. */
  readonly rescaled: Graph;
  readonly links: readonly ReferenceLink[];
  /** The nodes that got the rescale rule. */
  readonly nodes: readonly Node[];
}

/**
 * DeepLift's rescale rule as two graphs. The baseline pass exposes z_ref and y_ref at every
 * rescaled node; in the input pass the node's output keeps its value y = f(z) but its gradient is
 * (y − y_ref)/(z − z_ref) elementwise, written y = StraightThrough(y, where(small, y, sg(Δy/Δz)·z))
 * with small = |Δz| < eps, where the ordinary gradient flows instead (as in Captum).
 */
export function rescaleGraphs(graph: Graph): RescaleGraphs {
  const types = new Map([...graph.inputs.map((v) => [v.name, v] as const), ...graph.valueTypes]);
  const nodes = graph.nodes.filter(
    (n) => n.domain === '' && rescaledOps.includes(n.op) && types.has(n.inputs[0] ?? ''),
  );
  const exposed: Value[] = [];
  const extraInputs: Value[] = [];
  const links: ReferenceLink[] = [];
  const initializers = new Map<string, Tensor>(graph.initializers);
  const replaced = new Map<Node, Node[]>();
  nodes.forEach((node, k) => {
    const z = node.inputs[0] ?? '';
    const y = node.outputs[0] ?? '';
    const type = types.get(z) ?? graph.valueTypes.get(y);
    if (!type) return;
    const p = `deeplift${k}_`;
    for (const [value, role] of [
      [z, 'z'],
      [y, 'y'],
    ] as const) {
      exposed.push({ name: value, dtype: type.dtype, shape: type.shape });
      extraInputs.push({ name: `${p}ref_${role}`, dtype: type.dtype, shape: type.shape });
      links.push({ output: value, input: `${p}ref_${role}` });
    }
    initializers.set(`${p}eps`, fromNumbers(type.dtype, [], [eps]));
    initializers.set(`${p}one`, fromNumbers(type.dtype, [], [1]));
    const raw = `${p}raw`;
    const step = (op: string, inputs: string[], output: string, domain = ''): Node => ({
      name: `${p}${output}`,
      op,
      domain,
      inputs,
      outputs: [output],
      attributes: {},
    });
    replaced.set(node, [
      { ...node, outputs: [raw] },
      step('Sub', [z, `${p}ref_z`], `${p}dz`),
      step('Sub', [raw, `${p}ref_y`], `${p}dy`),
      step('Abs', [`${p}dz`], `${p}abs_dz`),
      step('Less', [`${p}abs_dz`, `${p}eps`], `${p}small`),
      step('Where', [`${p}small`, `${p}one`, `${p}dz`], `${p}safe_dz`),
      step('Div', [`${p}dy`, `${p}safe_dz`], `${p}ratio`),
      step('StopGradient', [`${p}ratio`], `${p}multiplier`, engineDomain),
      step('Mul', [`${p}multiplier`, z], `${p}linear`),
      step('Where', [`${p}small`, raw, `${p}linear`], `${p}soft`),
      step('StraightThrough', [raw, `${p}soft`], y, engineDomain),
    ]);
  });
  return {
    reference: { ...graph, outputs: [...graph.outputs, ...exposed] },
    rescaled: {
      ...graph,
      inputs: [...graph.inputs, ...extraInputs],
      nodes: graph.nodes.flatMap((n) => replaced.get(n) ?? [n]),
      initializers,
    },
    links,
    nodes: [...replaced.keys()],
  };
}
