import { AppError } from '../../errors';
import { formatShape } from '../ir';
import type { Graph, OpsetImport } from '../ir';
import { Traced } from './traced';
import type { Tracer } from './tracer';

/** A graph that can be called inside a traced graph (an imported model). */
export interface CallableGraph {
  readonly graph: Graph;
  /** Opsets of the non-ONNX domains its nodes use. */
  readonly opsets?: readonly OpsetImport[];
}

/**
 * Replays `graph`'s nodes into `g` with `inputs` bound to its inputs (one value binds the first
 * input); initializers become constants. Every node goes through the tracer, so shapes are
 * checked, known values folded and older op forms canonicalised. Returns the outputs by name.
 */
export function inlineGraph(
  g: Tracer,
  graph: Graph,
  inputs: Readonly<Record<string, Traced>> | Traced,
): Record<string, Traced> {
  const given: Record<string, Traced> =
    inputs instanceof Traced ? { [graph.inputs[0]?.name ?? '']: inputs } : { ...inputs };
  const env = new Map<string, Traced>();
  for (const input of graph.inputs) {
    const value = given[input.name];
    if (!value) throw new AppError('invalid-request', `the model's input '${input.name}' was not given`);
    if (value.dtype !== input.dtype || value.shape.join() !== input.shape.join()) {
      throw new AppError(
        'invalid-request',
        `the model's input '${input.name}' is ${input.dtype} ${formatShape(input.shape)}, ` +
          `got ${value.dtype} ${formatShape(value.shape)}`,
      );
    }
    env.set(input.name, value);
  }
  for (const [name, t] of graph.initializers) env.set(name, g.constant(t));
  const lookup = (name: string): Traced | undefined => {
    if (name === '') return undefined;
    const value = env.get(name);
    if (!value) throw new AppError(g.errorKind, `value '${name}' is used before it is defined`);
    return value;
  };
  for (const node of graph.nodes) {
    const known = node.outputs.map((name) => graph.valueTypes.get(name));
    const outputs = g.opN(node.op, node.inputs.map(lookup), node.attributes, {
      domain: node.domain,
      name: node.name,
      outputs: node.outputs.length,
      ...(known.every((t) => t !== undefined) ? { outputTypes: known } : {}),
    });
    node.outputs.forEach((name, i) => {
      const value = outputs[i];
      if (name !== '' && value) env.set(name, value);
    });
  }
  return Object.fromEntries(graph.outputs.map((o) => [o.name, lookup(o.name) as Traced]));
}
