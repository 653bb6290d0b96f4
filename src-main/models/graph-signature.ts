import { missingGradientRules, supportedOpsets } from '../engine/import';
import type { MissingGradientRule } from '../engine/import';
import { defaultOpset, readModel } from '../engine/ir';
import type { Value } from '../engine/ir';
import { AppError } from '../errors';

/** What the engine can do with a model: run it forward always, differentiate it only when every op has a rule. */
export interface Differentiability {
  readonly differentiable: boolean;
  /** Nodes whose op has no gradient rule in the engine (the model is forward-only because of them). */
  readonly forwardOnlyNodes: readonly MissingGradientRule[];
  /** Set when the model's opset is one the engine's importer does not read (so no gradients at all). */
  readonly unsupportedOpset?: number;
}

/** A model's boundary as its ONNX graph declares it, and what the engine can do with it. */
export interface GraphSignature {
  readonly input: Value;
  readonly output: Value;
  readonly opset: number | undefined;
  /** Distinct op types, sorted. */
  readonly ops: readonly string[];
  readonly differentiability: Differentiability;
}

/**
 * Reads an ONNX model's single input and output (symbolic dimensions are -1 with their names) and
 * checks every node against the engine's op registry.
 */
export function readGraphSignature(bytes: Uint8Array, source: string): GraphSignature {
  let model;
  try {
    model = readModel(bytes);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.kind, `${source}: ${error.message}`, { cause: error });
    throw error;
  }
  const { graph } = model;
  const input = single(graph.inputs, 'input', source);
  const output = single(graph.outputs, 'output', source);
  const opset = defaultOpset(model);
  const forwardOnlyNodes = missingGradientRules(graph);
  const readable = opset !== undefined && opset >= supportedOpsets.min && opset <= supportedOpsets.max;
  return {
    input,
    output,
    opset,
    ops: [...new Set(graph.nodes.map((n) => (n.domain ? `${n.domain}.${n.op}` : n.op)))].sort(),
    differentiability: {
      differentiable: readable && forwardOnlyNodes.length === 0,
      forwardOnlyNodes,
      ...(readable ? {} : { unsupportedOpset: opset ?? 0 }),
    },
  };
}

function single(values: readonly Value[], what: 'input' | 'output', source: string): Value {
  const [value, ...rest] = values;
  if (value === undefined || rest.length > 0) {
    throw new AppError(
      'bad-input',
      `${source}: a model takes one ${what} ([B, T, D] windows in, [B, K] outputs out); this graph has ${values.length} (${values.map((v) => `'${v.name}'`).join(', ')})`,
    );
  }
  return value;
}

/** A boundary value's shape with symbolic dimensions by name, e.g. [batch, 360, 1]. */
export function describeShape(value: Value): string {
  if (value.shapeUnknown === true) return 'of unknown shape';
  return `[${value.shape.map((d, i) => (d < 0 ? (value.dimNames?.[i] ?? '?') : String(d))).join(', ')}]`;
}
