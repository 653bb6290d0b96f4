import type { Attribute, Attributes } from './graph';
import type { Tensor } from './tensor';

/** Typed access to a node's attributes; `fail` reports a missing or mistyped one. */
export class AttributeReader {
  constructor(
    readonly attributes: Attributes,
    private readonly fail: (message: string) => never,
  ) {}

  has(name: string): boolean {
    return name in this.attributes;
  }

  int(name: string, fallback?: number): number {
    return this.read(name, 'int', fallback);
  }

  float(name: string, fallback?: number): number {
    const a = this.attributes[name];
    // Some exporters write integral floats as ints; both mean the same number.
    if (a?.kind === 'int') return a.value;
    return this.read(name, 'float', fallback);
  }

  string(name: string, fallback?: string): string {
    return this.read(name, 'string', fallback);
  }

  ints(name: string, fallback?: readonly number[]): readonly number[] {
    return this.read(name, 'ints', fallback);
  }

  floats(name: string, fallback?: readonly number[]): readonly number[] {
    return this.read(name, 'floats', fallback);
  }

  strings(name: string, fallback?: readonly string[]): readonly string[] {
    return this.read(name, 'strings', fallback);
  }

  tensor(name: string): Tensor {
    return this.read(name, 'tensor', undefined);
  }

  private read<K extends Attribute['kind']>(name: string, kind: K, fallback: ValueOf<K> | undefined): ValueOf<K> {
    const a = this.attributes[name];
    if (a === undefined) {
      if (fallback !== undefined) return fallback;
      return this.fail(`attribute '${name}' is required`);
    }
    if (a.kind !== kind) return this.fail(`attribute '${name}' should be ${kind}, found ${a.kind}`);
    return a.value as ValueOf<K>;
  }
}

type ValueOf<K extends Attribute['kind']> = Extract<Attribute, { kind: K }>['value'];
