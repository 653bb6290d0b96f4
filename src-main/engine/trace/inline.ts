import { AppError } from '../../errors';
import { formatShape } from '../ir';
import type { Graph, Node, OpsetImport, Tensor } from '../ir';
import { Traced } from './traced';
import type { Tracer } from './tracer';

/** A graph that can be called inside a traced graph (an imported model). */
export interface CallableGraph {
  readonly graph: Graph;
  /** Opsets of the non-ONNX domains its nodes use. */
  readonly opsets?: readonly OpsetImport[];
}

/** How a graph is inlined when it is not just called (e.g. as a trainable copy of a model). */
export interface InlineOptions {
  /** The value an initializer becomes (e.g. a `g.param`); undefined keeps it a constant. */
  readonly initializer?: (name: string, value: Tensor) => Traced | undefined;
  /** Replaces a node's outputs once it is traced (e.g. multiplies attention probabilities by a mask). */
  readonly rewrite?: (node: Node, outputs: readonly Traced[]) => readonly Traced[];
  /** Inner values returned beside the outputs, by their names in the graph. */
  readonly expose?: readonly string[];
}

/**
 * Replays `graph`'s nodes into `g` with `inputs` bound to its inputs (one value binds the first
 * input); initializers become constants unless `options` says otherwise. Every node goes through
 * the tracer, so shapes are checked, known values folded and older op forms canonicalised.
 * Returns the outputs (and the exposed values) by name.
 */
export function inlineGraph(
  g: Tracer,
  graph: Graph,
  inputs: Readonly<Record<string, Traced>> | Traced,
  options: InlineOptions = {},
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
  for (const [name, t] of graph.initializers) env.set(name, options.initializer?.(name, t) ?? g.constant(t));
  const lookup = (name: string): Traced | undefined => {
    if (name === '') return undefined;
    const value = env.get(name);
    if (!value) throw new AppError(g.errorKind, `value '${name}' is used before it is defined`);
    return value;
  };
  for (const node of graph.nodes) {
    const known = node.outputs.map((name) => graph.valueTypes.get(name));
    const traced = g.opN(node.op, node.inputs.map(lookup), node.attributes, {
      domain: node.domain,
      name: node.name,
      outputs: node.outputs.length,
      ...(known.every((t) => t !== undefined) ? { outputTypes: known } : {}),
    });
    const outputs = options.rewrite ? options.rewrite(node, traced) : traced;
    node.outputs.forEach((name, i) => {
      const value = outputs[i];
      if (name !== '' && value) env.set(name, value);
    });
  }
  const returned = [...graph.outputs.map((o) => o.name), ...(options.expose ?? [])];
  return Object.fromEntries(returned.map((name) => [name, lookup(name) as Traced]));
}
