import { numel, strides, takeElements } from '../../ir';
import type { Tensor } from '../../ir';

/**
 * For each element of `outShape` (C order), the flat index of the source element it copies, as
 * `source(coordinate)` says. Host-side data movement (folding, and gradient scatters with
 * indices known at build time) is this map followed by `takeElements` or a scatter.
 */
export function mapIndex(outShape: readonly number[], source: (coordinate: readonly number[]) => number): Int32Array {
  const total = numel(outShape);
  const index = new Int32Array(total);
  const coordinate = new Array<number>(outShape.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    index[flat] = source(coordinate);
    for (let axis = outShape.length - 1; axis >= 0; axis--) {
      coordinate[axis] = (coordinate[axis] ?? 0) + 1;
      if ((coordinate[axis] ?? 0) < (outShape[axis] ?? 1)) break;
      coordinate[axis] = 0;
    }
  }
  return index;
}

/** Flat index of `coordinate` in a tensor of `shape`. */
export function flatIndex(coordinate: readonly number[], shapeStrides: readonly number[]): number {
  let flat = 0;
  coordinate.forEach((c, i) => (flat += c * (shapeStrides[i] ?? 0)));
  return flat;
}

/** Host transpose of any element type. */
export function transposeTensor(t: Tensor, perm: readonly number[]): Tensor {
  const inStrides = strides(t.shape);
  const outShape = perm.map((p) => t.shape[p] ?? 1);
  const permutedStrides = perm.map((p) => inStrides[p] ?? 0);
  return takeElements(
    t,
    outShape,
    mapIndex(outShape, (c) => flatIndex(c, permutedStrides)),
  );
}

/** Per-axis selection of a Slice after ONNX's normalisation and clamping. */
export interface AxisSlice {
  readonly start: number;
  readonly step: number;
  readonly count: number;
}

/** ONNX Slice semantics: negative starts/ends count from the end, then clamp (differently for negative steps). */
export function resolveSlice(dim: number, start: number, end: number, step: number): AxisSlice {
  const norm = (v: number): number => (v < 0 ? v + dim : v);
  const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
  const s = step > 0 ? clamp(norm(start), 0, dim) : clamp(norm(start), 0, dim - 1);
  const e = step > 0 ? clamp(norm(end), 0, dim) : clamp(norm(end), -1, dim - 1);
  const count = Math.max(0, Math.ceil((e - s) / step));
  return { start: s, step, count };
}
