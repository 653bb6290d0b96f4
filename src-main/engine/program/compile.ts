import { AppError } from '../../errors';
import { writeModel } from '../ir';
import type { Graph, Model, Node, Tensor, Value, ValueType } from '../ir';
import { engineOpset, lookupOp } from '../ops';
import type { Traced, Tracer } from '../trace';

/** One ONNX model computing the requested outputs of a traced graph. */
export interface CompiledGraph {
  readonly model: Model;
  readonly bytes: Uint8Array;
  /** The program's inputs (graph inputs the outputs depend on). */
  readonly inputs: readonly Value[];
  readonly outputs: readonly Value[];
  /** Initial values of the parameters among `inputs`. */
  readonly params: ReadonlyMap<string, Tensor>;
  /** Every input the tracer declared, used or not. */
  readonly declaredInputs: readonly string[];
}

/**
 * Prunes the traced graph to what the outputs need, lowers the tracer's own ops to ONNX and
 * writes the model (opset `engineOpset`, with every value's type so ONNX Runtime checks them).
 */
export function compileGraph(outputs: Readonly<Record<string, Traced>>): CompiledGraph {
  const { graph, tracer } = extractGraph(outputs);
  const model: Model = {
    irVersion: 9,
    producer: 'salience-engine',
    opsets: [
      { domain: '', version: engineOpset },
      ...tracer.opsets.filter((o) => graph.nodes.some((n) => n.domain === o.domain)),
    ],
    graph,
  };
  const used = new Set(graph.inputs.map((i) => i.name));
  return {
    model,
    bytes: writeModel(model),
    inputs: graph.inputs,
    outputs: graph.outputs,
    params: new Map([...tracer.params].filter(([name]) => used.has(name))),
    declaredInputs: tracer.inputs.map((i) => i.name),
  };
}

/** The part of a traced graph that computes `outputs`, as a self-contained graph with those output names. */
export function extractGraph(outputs: Readonly<Record<string, Traced>>): { graph: Graph; tracer: Tracer } {
  const entries = Object.entries(outputs);
  const tracer = entries[0]?.[1].tracer;
  if (!tracer) throw new AppError('invalid-request', 'a program needs at least one output');
  if (entries.some(([, v]) => v.tracer !== tracer)) {
    throw new AppError('invalid-request', 'all outputs of a program must come from one traced graph');
  }
  const kept = neededNodes(
    tracer,
    entries.map(([, v]) => v.name),
  );
  const used = new Set(kept.flatMap((n) => n.inputs));
  for (const [, v] of entries) used.add(v.name);

  const rename = outputNames(tracer, kept, entries);
  const named = (name: string): string => rename.get(name) ?? name;
  const nodes: Node[] = kept.map((node) => {
    const lowered = lookupOp(node.domain, node.op)?.lower?.(node) ?? node;
    return { ...lowered, inputs: lowered.inputs.map(named), outputs: lowered.outputs.map(named) };
  });
  const outputValues = entries.map(([name, v]): Value => ({ name, dtype: v.dtype, shape: v.shape }));
  for (const [name, v] of entries) {
    if (named(v.name) !== name) {
      nodes.push({
        name: `output_${name}`,
        op: 'Identity',
        domain: '',
        inputs: [named(v.name)],
        outputs: [name],
        attributes: {},
      });
    }
  }

  const inputs = tracer.inputs.filter((i) => used.has(i.name));
  const initializers = new Map([...tracer.constantValues].filter(([name]) => used.has(name)));
  const valueTypes = new Map<string, ValueType>();
  for (const node of kept) {
    for (const o of node.outputs) {
      const type = tracer.typeOf(o);
      if (type) valueTypes.set(named(o), type);
    }
  }
  return { graph: { name: 'program', inputs, outputs: outputValues, nodes, initializers, valueTypes }, tracer };
}

function neededNodes(tracer: Tracer, targets: readonly string[]): Node[] {
  const needed = new Set(targets);
  const kept: Node[] = [];
  for (const node of [...tracer.nodes].reverse()) {
    if (!node.outputs.some((o) => needed.has(o))) continue;
    kept.push(node);
    for (const i of node.inputs) if (i) needed.add(i);
  }
  return kept.reverse();
}

/**
 * Values computed by a node take their output's name directly; an output that is an input, a
 * constant, or a second name for one value gets an Identity node instead.
 */
function outputNames(tracer: Tracer, kept: readonly Node[], entries: readonly [string, Traced][]): Map<string, string> {
  const produced = new Set(kept.flatMap((n) => n.outputs));
  const taken = new Set([...tracer.inputs.map((i) => i.name), ...kept.flatMap((n) => [...n.inputs, ...n.outputs])]);
  const rename = new Map<string, string>();
  for (const [name, value] of entries) {
    if (taken.has(name) && name !== value.name) {
      throw new AppError('invalid-request', `output name '${name}' is already the name of a value in this graph`);
    }
    if (produced.has(value.name) && !rename.has(value.name)) rename.set(value.name, name);
  }
  return rename;
}
