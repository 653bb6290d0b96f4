import { AppError } from '../../errors';
import type { ErrorKind } from '../../errors';
import { AttributeReader, formatShape, toNumbers } from '../ir';
import type { Attributes, Tensor, ValueType } from '../ir';
import type { NodeInfo } from '../ops/definition';

/** A node as its shape rule, folder and gradient rule see it. */
export class TracedNodeInfo implements NodeInfo {
  readonly attrs: AttributeReader;

  constructor(
    readonly op: string,
    readonly name: string,
    attributes: Attributes,
    private readonly inputTypes: readonly (ValueType | undefined)[],
    private readonly inputValues: readonly (Tensor | undefined)[],
    readonly outputCount: number,
    private readonly errorKind: ErrorKind,
  ) {
    this.attrs = new AttributeReader(attributes, (message) => this.fail(message));
  }

  get inputCount(): number {
    return this.inputTypes.length;
  }

  input(index: number): ValueType {
    return this.optionalInput(index) ?? this.fail(`input ${index} is required`);
  }

  optionalInput(index: number): ValueType | undefined {
    return this.inputTypes[index];
  }

  value(index: number): Tensor | undefined {
    return this.inputValues[index];
  }

  constantInts(index: number, what: string): number[] {
    const value = this.value(index);
    if (value === undefined) {
      return this.fail(
        `${what} (input ${index}) must be known when the graph is built; this engine needs static shapes`,
      );
    }
    return toNumbers(value);
  }

  fail(message: string): never {
    const shapes = this.inputTypes.map((t) => (t ? formatShape(t.shape) : '—')).join(', ');
    throw new AppError(this.errorKind, `${this.op} (node ${this.name}): ${message}; input shapes ${shapes}`);
  }
}
