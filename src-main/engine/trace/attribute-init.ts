import type { Attribute, Tensor } from '../ir';

/**
 * How attributes are written in the tracer: a number is an int when it is integral, so a float
 * attribute with an integral value (alpha = 1) is written with `float(1)`.
 */
export type AttributeInit = number | string | readonly number[] | readonly string[] | Tensor | Attribute;

export function float(value: number): Attribute {
  return { kind: 'float', value };
}

export function floats(value: readonly number[]): Attribute {
  return { kind: 'floats', value };
}

export function toAttribute(init: AttributeInit): Attribute {
  if (typeof init === 'number') {
    return Number.isInteger(init) ? { kind: 'int', value: init } : { kind: 'float', value: init };
  }
  if (typeof init === 'string') return { kind: 'string', value: init };
  if (isList(init)) {
    const values = init;
    if (values.length > 0 && values.every((v) => typeof v === 'string')) return { kind: 'strings', value: values };
    const numbers = values as readonly number[];
    return numbers.every((v) => Number.isInteger(v))
      ? { kind: 'ints', value: numbers }
      : { kind: 'floats', value: numbers };
  }
  if ('kind' in init) return init;
  return { kind: 'tensor', value: init };
}

function isList(init: AttributeInit): init is readonly number[] | readonly string[] {
  return Array.isArray(init);
}
