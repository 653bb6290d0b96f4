import type { AttributeReader, Node, Tensor, ValueType } from '../ir';
import type { Traced, Tracer } from '../trace';

/** What an op's shape rule and constant folder see of one node. */
export interface NodeInfo {
  readonly op: string;
  readonly name: string;
  readonly attrs: AttributeReader;
  /** Number of input slots (trailing omitted optional inputs are not counted). */
  readonly inputCount: number;
  /** Number of outputs the node produces. */
  readonly outputCount: number;
  /** The type of a required input. */
  input(index: number): ValueType;
  /** The type of an optional input, undefined where it is omitted. */
  optionalInput(index: number): ValueType | undefined;
  /** The value of an input known before run time (initializer or folded constant). */
  value(index: number): Tensor | undefined;
  /** An input that must be known before run time (shapes, axes, pads), as numbers. */
  constantInts(index: number, what: string): number[];
  /** Throws an error that names the op, the node and the message. */
  fail(message: string): never;
}

/** What an op's vector-Jacobian rule sees: the forward node as traced values, and the tracer to emit into. */
export interface VjpContext {
  readonly g: Tracer;
  readonly node: NodeInfo;
  readonly attrs: AttributeReader;
  /** The gradient flowing into output 0 (zeros where none does): single-output ops use this. */
  readonly dy: Traced;
  /** A forward input that must be present. */
  readonly x: (index: number) => Traced;
  /** A forward input; undefined where the optional input is omitted. */
  readonly input: (index: number) => Traced | undefined;
  /** A forward output; an optional output the node did not produce is added to it. */
  readonly output: (index: number) => Traced;
  /** The gradient flowing into output `index`, undefined where none does. */
  readonly grad: (index: number) => Traced | undefined;
  /** Whether input `index` needs a gradient (it depends on a differentiated value and is floating point). */
  readonly needs: (index: number) => boolean;
}

/** Returns one gradient per input (undefined where the input gets none). */
export type VjpRule = (ctx: VjpContext) => readonly (Traced | undefined)[];

/** What an op's canonicaliser sees: the node about to be traced, to rewrite it into this engine's opset. */
export interface CanonicalContext {
  readonly g: Tracer;
  readonly node: NodeInfo;
  readonly inputs: readonly (Traced | undefined)[];
}

export interface OpDefinition {
  readonly op: string;
  /** '' for the ONNX domain; the engine's own tracer ops live in `engineDomain`. */
  readonly domain?: string;
  /** Output types for every output the op can produce (at least `outputCount`). */
  readonly infer: (node: NodeInfo) => ValueType[];
  /** Host evaluation when the inputs it needs are known (shape plumbing, weight transforms). */
  readonly fold?: (node: NodeInfo) => Tensor[] | undefined;
  /** 'none' marks an op whose outputs carry no gradient (indices, comparisons, shapes). */
  readonly vjp?: VjpRule | 'none';
  /**
   * Rewrites an older or ONNX Runtime-unsupported form of the op (opset < 18 attributes,
   * layout = 1) into the form this engine compiles; undefined when the node is already canonical.
   */
  readonly canonicalize?: (ctx: CanonicalContext) => readonly Traced[] | undefined;
  /** Replaces an engine-domain op by plain ONNX when compiling. */
  readonly lower?: (node: Node) => Node;
}

/** Domain of the tracer's own ops (stop-gradient, straight-through), lowered to ONNX at compile. */
export const engineDomain = 'ai.salience.engine';

/** The opset the engine compiles to. Imported models (opsets 13–20) are canonicalised to it. */
export const engineOpset = 20;
