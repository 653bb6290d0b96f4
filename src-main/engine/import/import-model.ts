import { AppError } from '../../errors';
import { defaultOpset, formatShape, readModel } from '../ir';
import type { Graph, OpsetImport, Value, ValueType } from '../ir';
import { lookupOp } from '../ops';
import { extractGraph } from '../program';
import { Tracer } from '../trace';
import { probeOutputTypes, unknownNodes } from './probe-shapes';

/** The opsets of the default ONNX domain that the importer reads (PyTorch and TensorFlow exporters). */
export const supportedOpsets = { min: 13, max: 20 } as const;

export interface ImportOptions {
  /** Concrete shapes for inputs with dynamic dimensions (e.g. the batch axis), by input name. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
}

/** A user's model specialised to concrete input shapes: a callable sub-graph (`g.call(model, x)`). */
export interface ImportedModel {
  readonly graph: Graph;
  readonly inputs: readonly Value[];
  readonly outputs: readonly Value[];
  /** The opset the file declared (the graph itself is canonicalised to the engine's opset). */
  readonly opset: number;
  /** Opsets of other domains its nodes use (custom or contrib ops run as they are). */
  readonly opsets: readonly OpsetImport[];
  readonly producer: string;
}

/**
 * Loads an ONNX model, fixes its input shapes, and replays it through a tracer: shapes are inferred
 * and checked node by node, shape plumbing (Shape, Gather, ConstantOfShape, Concat, …) is folded
 * into constants, and older op forms are rewritten to the engine's opset.
 */
export async function importModel(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportedModel> {
  const model = readModel(bytes);
  const opset = defaultOpset(model) ?? 0;
  if (opset < supportedOpsets.min || opset > supportedOpsets.max) {
    throw new AppError(
      'bad-input',
      `this model uses ONNX opset ${opset}; the engine reads opsets ${supportedOpsets.min}–${supportedOpsets.max} (re-export it with one of those)`,
    );
  }
  for (const name of Object.keys(options.inputShapes ?? {})) {
    if (!model.graph.inputs.some((i) => i.name === name)) {
      throw new AppError('invalid-request', `the model has no input '${name}'`);
    }
  }
  const specialised = model.graph.inputs.map((input) => ({
    name: input.name,
    dtype: input.dtype,
    shape: concreteShape(input, options.inputShapes?.[input.name]),
  }));
  const unknown = unknownNodes(model);
  const probed =
    unknown.length > 0 ? await probeOutputTypes(model, specialised, unknown) : new Map<string, ValueType>();
  const g = new Tracer({ errorKind: 'bad-input' });
  const inputs = Object.fromEntries(specialised.map((i) => [i.name, g.input(i.name, i.dtype, i.shape)]));
  const valueTypes = new Map([...model.graph.valueTypes, ...probed]);
  const outputs = g.call({ graph: { ...model.graph, inputs: specialised, valueTypes }, opsets: model.opsets }, inputs);
  const { graph } = extractGraph(outputs);
  return {
    graph: { ...graph, name: model.graph.name },
    inputs: graph.inputs,
    outputs: graph.outputs,
    opset,
    opsets: model.opsets.filter((o) => o.domain !== '' && o.domain !== 'ai.onnx'),
    producer: model.producer,
  };
}

function concreteShape(input: Value, given: readonly number[] | undefined): number[] {
  const file = input.shape;
  if (given) {
    const agrees =
      input.shapeUnknown === true || (given.length === file.length && file.every((d, i) => d < 0 || d === given[i]));
    if (!agrees) {
      throw new AppError(
        'invalid-request',
        `input '${input.name}' is ${describeShape(input)} in the model; ${formatShape(given)} does not fit it`,
      );
    }
    return [...given];
  }
  if (input.shapeUnknown === true || file.some((d) => d < 0)) {
    const dynamic = input.dimNames?.find((n) => n !== undefined) ?? 'a dimension';
    throw new AppError(
      'invalid-request',
      `input '${input.name}' has a dynamic dimension (${dynamic}): give its concrete shape`,
    );
  }
  return [...file];
}

/** A model input's shape with its symbolic dimensions named, e.g. [batch, 360, 1]. */
function describeShape(input: Value): string {
  if (input.shapeUnknown === true) return 'of unknown shape';
  return `[${input.shape.map((d, i) => (d < 0 ? (input.dimNames?.[i] ?? '?') : String(d))).join(', ')}]`;
}

/** A node whose op has no gradient rule: gradients through the model are unavailable (forward still runs). */
export interface MissingGradientRule {
  readonly op: string;
  readonly node: string;
}

/** The nodes of a graph that gradients cannot pass (empty when the whole model is differentiable). */
export function missingGradientRules(graph: Graph): MissingGradientRule[] {
  return graph.nodes
    .filter((n) => lookupOp(n.domain, n.op)?.vjp === undefined)
    .map((n) => ({ op: n.domain ? `${n.domain}.${n.op}` : n.op, node: n.name }));
}
