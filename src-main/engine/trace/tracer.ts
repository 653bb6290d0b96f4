import { AppError } from '../../errors';
import type { ErrorKind } from '../../errors';
import { formatShape, fromNumbers, numel } from '../ir';
import type { Attribute, Attributes, DType, Node, OpsetImport, Tensor, Value, ValueType } from '../ir';
import { engineDomain } from '../ops/definition';
import { lookupOp } from '../ops/registry';
import { float, toAttribute } from './attribute-init';
import type { AttributeInit } from './attribute-init';
import { inlineGraph } from './inline';
import type { CallableGraph, InlineOptions } from './inline';
import { TracedNodeInfo } from './node-info';
import { Traced } from './traced';

export interface TracerOptions {
  /** The kind of error a bad node raises: 'bad-input' while importing a user's model. */
  readonly errorKind?: ErrorKind;
}

export interface OpOptions {
  /** How many outputs the node produces (default 1). */
  readonly outputs?: number;
  readonly domain?: string;
  /** A readable node name (made unique); errors and gradient reports use it. */
  readonly name?: string;
  /** Output types for an op without a shape rule (forward-only use of an unknown op). */
  readonly outputTypes?: readonly ValueType[];
}

interface MutableNode {
  name: string;
  op: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Attributes;
}

/** Folding never inflates the graph: a folded value may be at most this large, or as large as its inputs. */
const FOLD_LIMIT = 4096;

/**
 * Records a graph as it is written: `g.input`, `g.param`, `g.constant`, and ops on the traced values
 * they return. Every node's output shapes are inferred (and checked) when it is added, and nodes
 * whose inputs are known are evaluated on the spot. Nothing runs until a program is compiled.
 */
export class Tracer {
  private readonly nodeList: MutableNode[] = [];
  private readonly types = new Map<string, ValueType>();
  private readonly constants = new Map<string, Tensor>();
  private readonly producers = new Map<string, MutableNode>();
  private readonly inputList: Value[] = [];
  private readonly paramValues = new Map<string, Tensor>();
  private readonly smallConstants = new Map<string, string>();
  private readonly sharedTensors = new WeakMap<Tensor, string>();
  private readonly usedNames = new Set<string>();
  private readonly domainVersions = new Map<string, number>();
  private counter = 0;
  readonly errorKind: ErrorKind;

  constructor(options: TracerOptions = {}) {
    this.errorKind = options.errorKind ?? 'invalid-request';
  }

  /** A graph input fed at run time. */
  input(name: string, dtype: DType, shape: readonly number[]): Traced {
    if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new AppError('invalid-request', `input '${name}' needs a static shape, got ${formatShape(shape)}`);
    }
    this.claimName(name, 'input');
    this.inputList.push({ name, dtype, shape: [...shape] });
    this.types.set(name, { dtype, shape: [...shape] });
    return this.traced(name);
  }

  /** A trainable parameter: an input of compiled programs whose initial value the graph remembers. */
  param(name: string, init: Tensor): Traced {
    const value = this.input(name, init.dtype, init.shape);
    this.paramValues.set(name, init);
    return value;
  }

  /** A value known when the graph is built (a frozen weight, a mask, a scalar). */
  constant(value: Tensor | number | readonly number[], dtype: DType = 'float32'): Traced {
    const t =
      typeof value === 'number'
        ? fromNumbers(dtype, [], [value])
        : Array.isArray(value)
          ? fromNumbers(dtype, [value.length], value as readonly number[])
          : (value as Tensor);
    // Scalars and short vectors recur constantly in gradient graphs, and a model called twice
    // brings the same weights twice: share one initializer each.
    const key = t.data.length <= 16 ? `${t.dtype}|${t.shape.join(',')}|${Array.from(t.data, String).join(',')}` : '';
    const known = key ? this.smallConstants.get(key) : this.sharedTensors.get(t);
    if (known !== undefined) return this.traced(known);
    const name = this.freshName('c');
    this.constants.set(name, t);
    this.types.set(name, { dtype: t.dtype, shape: [...t.shape] });
    if (key) this.smallConstants.set(key, name);
    else this.sharedTensors.set(t, name);
    return this.traced(name);
  }

  /** Adds one ONNX node and returns its (first) output; omitted optional inputs are undefined. */
  op(
    op: string,
    inputs: readonly (Traced | undefined)[],
    attributes: Readonly<Record<string, AttributeInit>> = {},
    options: OpOptions = {},
  ): Traced {
    return this.opN(op, inputs, attributes, options)[0] ?? this.noOutput(op);
  }

  /** Adds one ONNX node and returns all its outputs (`options.outputs` of them). */
  opN(
    op: string,
    inputs: readonly (Traced | undefined)[],
    attributes: Readonly<Record<string, AttributeInit>> = {},
    options: OpOptions = {},
  ): Traced[] {
    const domain = options.domain ?? '';
    const outputCount = options.outputs ?? 1;
    const attrs = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, toAttribute(v)]));
    for (const input of inputs) if (input && input.tracer !== this) this.foreign(op);
    const trimmed = [...inputs];
    while (trimmed.length > 0 && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
    const nodeName = this.freshNodeName(options.name ?? op);
    const info = this.nodeInfo(op, nodeName, attrs, trimmed, outputCount);
    const definition = lookupOp(domain, op);

    const canonical = definition?.canonicalize?.({ g: this, node: info, inputs: trimmed });
    if (canonical) return [...canonical];

    let outputTypes: readonly ValueType[];
    if (definition) outputTypes = definition.infer(info);
    else if (options.outputTypes) outputTypes = options.outputTypes;
    else return info.fail(`op '${domain ? `${domain}.` : ''}${op}' is not supported by this engine`);
    if (outputTypes.length < outputCount)
      info.fail(`the op has ${outputTypes.length} outputs, ${outputCount} requested`);

    const folded = this.tryFold(definition?.fold, info, trimmed, outputCount);
    if (folded) return folded.map((t) => this.constant(t));

    const node: MutableNode = {
      name: nodeName,
      op,
      domain,
      inputs: trimmed.map((t) => t?.name ?? ''),
      outputs: [],
      attributes: attrs,
    };
    for (let i = 0; i < outputCount; i++) this.addOutputValue(node, outputTypes[i] as ValueType);
    this.nodeList.push(node);
    return node.outputs.map((name) => this.traced(name));
  }

  /** Elementwise choice: `a` where `condition` holds, else `b` (numbers become scalars of the other's type). */
  where(condition: Traced, a: Traced | number, b: Traced | number): Traced {
    const dtype = a instanceof Traced ? a.dtype : b instanceof Traced ? b.dtype : 'float32';
    const operand = (v: Traced | number): Traced => (v instanceof Traced ? v : this.constant(v, dtype));
    return this.op('Where', [condition, operand(a), operand(b)]);
  }

  concat(values: readonly Traced[], axis: number): Traced {
    return this.op('Concat', values, { axis });
  }

  /** Splits `value` along `axis` into pieces of the given sizes. */
  split(value: Traced, sizes: readonly number[], axis: number): Traced[] {
    return this.opN('Split', [value, this.constant(sizes, 'int64')], { axis }, { outputs: sizes.length });
  }

  /** Elementwise sum of any number of same-typed values (broadcasting). */
  sum(values: readonly Traced[]): Traced {
    return values.length === 1 ? (values[0] as Traced) : this.op('Sum', values);
  }

  einsum(equation: string, ...operands: Traced[]): Traced {
    return this.op('Einsum', operands, { equation });
  }

  /** alpha * A' B' + beta * C with optional transposes (ONNX Gemm). */
  gemm(
    a: Traced,
    b: Traced,
    c?: Traced,
    options: { alpha?: number; beta?: number; transA?: boolean; transB?: boolean } = {},
  ): Traced {
    return this.op('Gemm', [a, b, c], {
      alpha: float(options.alpha ?? 1),
      beta: float(options.beta ?? 1),
      transA: options.transA ? 1 : 0,
      transB: options.transB ? 1 : 0,
    });
  }

  zeros(shape: readonly number[], dtype: DType = 'float32'): Traced {
    return this.op('ConstantOfShape', [this.constant(shape, 'int64')], { value: fromNumbers(dtype, [1], [0]) });
  }

  /**
   * Straight-through estimator: the value of `hard` going forward, while the gradient flows into
   * `soft` as if the output had been `soft` (e.g. a thresholded mask trained through its sigmoid).
   */
  straightThrough(hard: Traced, soft: Traced): Traced {
    return this.op('StraightThrough', [hard, soft], {}, { domain: engineDomain });
  }

  /** Inlines a graph (an imported model) with the given values for its inputs; returns its outputs by name. */
  call(
    model: CallableGraph,
    inputs: Readonly<Record<string, Traced>> | Traced,
    options?: InlineOptions,
  ): Record<string, Traced> {
    for (const { domain, version } of model.opsets ?? []) {
      if (domain !== '' && domain !== 'ai.onnx') this.domainVersions.set(domain, version);
    }
    return inlineGraph(this, model.graph, inputs, options);
  }

  /** The traced value called `name`. */
  traced(name: string): Traced {
    const type = this.types.get(name);
    if (!type) throw new AppError('invalid-request', `no value called '${name}' in this graph`);
    return new Traced(this, name, type.dtype, type.shape);
  }

  /** The value of a constant (initializer or folded), undefined for values computed at run time. */
  constantValue(value: Traced): Tensor | undefined {
    return this.constants.get(value.name);
  }

  /** The node that computes `value` (undefined for inputs and constants). */
  producer(value: Traced): Node | undefined {
    return this.producers.get(value.name);
  }

  /** Output `index` of `node`, added to it when the node does not produce it yet (optional outputs). */
  nodeOutput(node: Node, index: number): Traced {
    const mutable = this.nodeList.find((n) => n.name === node.name);
    if (!mutable) throw new AppError('invalid-request', `node ${node.name} is not in this graph`);
    if (mutable.outputs.length <= index) {
      const info = this.nodeInfo(
        mutable.op,
        mutable.name,
        mutable.attributes,
        mutable.inputs.map((n) => (n ? this.traced(n) : undefined)),
        index + 1,
      );
      const types = lookupOp(mutable.domain, mutable.op)?.infer(info) ?? [];
      for (let i = mutable.outputs.length; i <= index; i++) {
        const type = types[i] ?? info.fail(`the op has no output ${i}`);
        this.addOutputValue(mutable, type);
      }
    }
    return this.traced(mutable.outputs[index] ?? '');
  }

  /** Shape-rule view of an existing node. */
  describe(node: Node): TracedNodeInfo {
    return this.nodeInfo(
      node.op,
      node.name,
      node.attributes,
      node.inputs.map((n) => (n ? this.traced(n) : undefined)),
      node.outputs.length,
    );
  }

  get nodes(): readonly Node[] {
    return this.nodeList;
  }

  get inputs(): readonly Value[] {
    return this.inputList;
  }

  /** Initial values of the parameters declared with `param`. */
  get params(): ReadonlyMap<string, Tensor> {
    return this.paramValues;
  }

  get constantValues(): ReadonlyMap<string, Tensor> {
    return this.constants;
  }

  /** Opset versions of the non-ONNX domains that inlined models use. */
  get opsets(): readonly OpsetImport[] {
    return [...this.domainVersions].map(([domain, version]) => ({ domain, version }));
  }

  typeOf(name: string): ValueType | undefined {
    return this.types.get(name);
  }

  private nodeInfo(
    op: string,
    name: string,
    attributes: Record<string, Attribute> | Attributes,
    inputs: readonly (Traced | undefined)[],
    outputCount: number,
  ): TracedNodeInfo {
    return new TracedNodeInfo(
      op,
      name,
      attributes,
      inputs.map((t) => (t ? { dtype: t.dtype, shape: t.shape } : undefined)),
      inputs.map((t) => (t ? this.constants.get(t.name) : undefined)),
      outputCount,
      this.errorKind,
    );
  }

  private tryFold(
    fold: ((node: TracedNodeInfo) => Tensor[] | undefined) | undefined,
    info: TracedNodeInfo,
    inputs: readonly (Traced | undefined)[],
    outputCount: number,
  ): Tensor[] | undefined {
    if (!fold) return undefined;
    const folded = fold(info);
    if (!folded || folded.length < outputCount) return undefined;
    const inputSize = inputs.reduce((sum, t) => sum + (t ? numel(t.shape) : 0), 0);
    const outputSize = folded.slice(0, outputCount).reduce((sum, t) => sum + t.data.length, 0);
    // A node without inputs is a literal (an exporter's Constant): it is a constant whatever its size.
    const literal = inputs.length === 0;
    return literal || outputSize <= Math.max(FOLD_LIMIT, inputSize) ? folded.slice(0, outputCount) : undefined;
  }

  private addOutputValue(node: MutableNode, type: ValueType): void {
    const name = this.freshName('v');
    this.types.set(name, { dtype: type.dtype, shape: [...type.shape] });
    this.producers.set(name, node);
    node.outputs.push(name);
  }

  private freshName(prefix: string): string {
    let name: string;
    do name = `${prefix}${this.counter++}`;
    while (this.usedNames.has(name));
    this.usedNames.add(name);
    return name;
  }

  private freshNodeName(base: string): string {
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  private claimName(name: string, what: string): void {
    if (this.usedNames.has(name) || name === '') {
      throw new AppError('invalid-request', `${what} name '${name}' is empty or already used in this graph`);
    }
    this.usedNames.add(name);
  }

  private noOutput(op: string): never {
    throw new AppError('invalid-request', `${op}: the node was asked for no outputs`);
  }

  private foreign(op: string): never {
    throw new AppError(
      'invalid-request',
      `${op}: a value from another graph was used; trace each graph with one tracer`,
    );
  }
}
