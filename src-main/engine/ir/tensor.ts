import { AppError } from '../../errors';
import { allocate, isBigInt } from './dtype';
import type { DType, TypedArray } from './dtype';

/** A host array: element type, static shape and its elements in C order. */
export interface Tensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: TypedArray;
}

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides, in elements. */
export function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= shape[i] ?? 1;
  }
  return out;
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Builds a tensor, checking that `data` holds exactly the shape's element count. */
export function tensor(dtype: DType, shape: readonly number[], data?: TypedArray): Tensor {
  const n = numel(shape);
  const values = data ?? allocate(dtype, n);
  if (values.length !== n) {
    throw new AppError(
      'invalid-request',
      `a ${dtype} tensor of shape ${formatShape(shape)} needs ${n} elements, got ${values.length}`,
    );
  }
  return { dtype, shape: [...shape], data: values };
}

/** A tensor from plain numbers (rounded into integer types, 0/1 for bool). */
export function fromNumbers(dtype: DType, shape: readonly number[], values: ArrayLike<number>): Tensor {
  const data = allocate(dtype, values.length);
  if (isBigInt(dtype)) {
    const big = data as BigInt64Array | BigUint64Array;
    for (let i = 0; i < values.length; i++) big[i] = BigInt(Math.trunc(values[i] ?? 0));
  } else if (dtype === 'bool') {
    for (let i = 0; i < values.length; i++) data[i] = values[i] ? 1 : 0;
  } else {
    const numeric = data as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
    numeric.set(values);
  }
  return tensor(dtype, shape, data);
}

export function scalar(dtype: DType, value: number): Tensor {
  return fromNumbers(dtype, [], [value]);
}

/** The elements as plain numbers (64-bit integers beyond 2^53 lose precision). */
export function toNumbers(t: Tensor): number[] {
  const out = new Array<number>(t.data.length);
  for (let i = 0; i < t.data.length; i++) out[i] = Number(t.data[i]);
  return out;
}

/**
 * A tensor whose element `i` is `source.data[index[i]]`: the one primitive behind every host-side
 * data-movement kernel (transpose, slice, gather, expand, …), for any element type.
 */
export function takeElements(source: Tensor, shape: readonly number[], index: ArrayLike<number>): Tensor {
  const out = allocate(source.dtype, index.length);
  const from = source.data;
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const src = from as BigInt64Array | BigUint64Array;
    for (let i = 0; i < index.length; i++) out[i] = src[index[i] ?? 0] ?? 0n;
  } else {
    const src = from as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
    for (let i = 0; i < index.length; i++) out[i] = src[index[i] ?? 0] ?? 0;
  }
  return tensor(source.dtype, shape, out);
}

/** Copies every element `k` of `source` to `target[targetIndex[k]]` (typed arrays of one kind). */
export function copyElements(source: TypedArray, target: TypedArray, targetIndex: ArrayLike<number>): void {
  if (target instanceof BigInt64Array || target instanceof BigUint64Array) {
    const src = source as BigInt64Array | BigUint64Array;
    for (let k = 0; k < targetIndex.length; k++) target[targetIndex[k] ?? 0] = src[k] ?? 0n;
  } else {
    const src = source as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
    for (let k = 0; k < targetIndex.length; k++) target[targetIndex[k] ?? 0] = src[k] ?? 0;
  }
}

/** Same elements, new shape (no copy). */
export function reshaped(t: Tensor, shape: readonly number[]): Tensor {
  return tensor(t.dtype, shape, t.data);
}
