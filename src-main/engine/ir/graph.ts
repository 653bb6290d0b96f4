import type { DType } from './dtype';
import type { Tensor } from './tensor';

/** A value's type: element type and static shape. */
export interface ValueType {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/**
 * A named graph value. At a model's boundary a dimension may be symbolic (a user's model with a
 * dynamic batch axis): it is -1 in `shape` and its name is kept in `dimNames` so that it survives a
 * round trip. Everything inside the engine has static shapes.
 */
export interface Value extends ValueType {
  readonly name: string;
  readonly dimNames?: readonly (string | undefined)[];
  /** A boundary value whose file gives no shape at all (then `shape` is empty). */
  readonly shapeUnknown?: boolean;
  /** A graph output whose file gives no type at all (ONNX Runtime infers it; `dtype` is a placeholder). */
  readonly typeUnknown?: boolean;
}

export type Attribute =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'strings'; readonly value: readonly string[] }
  | { readonly kind: 'tensor'; readonly value: Tensor }
  | { readonly kind: 'graph'; readonly value: Graph };

export type Attributes = Readonly<Record<string, Attribute>>;

/** One operator application. An empty input name marks an omitted optional input. */
export interface Node {
  readonly name: string;
  readonly op: string;
  /** Operator set domain: '' for the default ONNX domain. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Attributes;
}

export interface Graph {
  readonly name: string;
  readonly inputs: readonly Value[];
  readonly outputs: readonly Value[];
  /** In topological order. */
  readonly nodes: readonly Node[];
  readonly initializers: ReadonlyMap<string, Tensor>;
  /** Known types of intermediate values (may be empty for a graph read from a file). */
  readonly valueTypes: ReadonlyMap<string, ValueType>;
}

export interface OpsetImport {
  readonly domain: string;
  readonly version: number;
}

export interface Model {
  readonly graph: Graph;
  readonly opsets: readonly OpsetImport[];
  readonly irVersion: number;
  readonly producer: string;
}

/** The opset version a model imports for the default ONNX domain. */
export function defaultOpset(model: Model): number | undefined {
  return model.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version;
}
