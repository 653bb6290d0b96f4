import { z } from 'zod';
import { formatShape, tensor } from '../engine';
import type { Tensor } from '../engine';
import { AppError } from '../errors';

/** [B, T, F] of the explained windows. */
export interface WindowShape {
  readonly batch: number;
  readonly time: number;
  readonly features: number;
}

export function windowShape(x: Tensor): WindowShape {
  const [batch, time, features] = x.shape;
  if (x.dtype !== 'float32' || x.shape.length !== 3 || !batch || !time || !features) {
    throw new AppError(
      'invalid-request',
      `x must be float32 [B, T, F] windows, got ${x.dtype} ${formatShape(x.shape)}`,
    );
  }
  return { batch, time, features };
}

/** The float32 values of a [rows, T, F] tensor built from `data`. */
export function windows(rows: number, shape: WindowShape, data: Float32Array): Tensor {
  return tensor('float32', [rows, shape.time, shape.features], data);
}

/** The prefixes [:, :length] of rows [B·T·F], [B·length·F]. */
export function prefixRows(data: Float32Array, shape: WindowShape, length: number): Float32Array {
  const size = shape.time * shape.features;
  const out = new Float32Array(shape.batch * length * shape.features);
  for (let i = 0; i < shape.batch; i++)
    out.set(data.subarray(i * size, i * size + length * shape.features), i * length * shape.features);
  return out;
}

/** request.reference, checked to be rows shaped like the windows ([N, T, F]). */
export function referenceRows(reference: Tensor | undefined, shape: WindowShape, use: string): Float32Array {
  if (!reference) throw new AppError('invalid-request', `${use} needs reference data (rows shaped like the windows)`);
  const [rows, time, features] = reference.shape;
  if (reference.dtype !== 'float32' || !rows || time !== shape.time || features !== shape.features) {
    throw new AppError(
      'invalid-request',
      `${use}: the reference must be float32 [N, ${shape.time}, ${shape.features}], got ${reference.dtype} ${formatShape(reference.shape)}`,
    );
  }
  return reference.data as Float32Array;
}

/**
 * A baseline: 'zero'; a number for every element; 'mean', the mean of the reference rows; or
 * 'reference', the reference itself (one row for every window, or one row per window).
 */
export const baselineParam = z.union([z.enum(['zero', 'mean', 'reference']), z.number()]);
export type Baseline = z.output<typeof baselineParam>;

/** The baseline of every window, [B·T·F]. */
export function baselineValues(
  baseline: Baseline,
  shape: WindowShape,
  reference: Tensor | undefined,
  method: string,
): Float32Array {
  const size = shape.time * shape.features;
  const out = new Float32Array(shape.batch * size);
  if (baseline === 'zero') return out;
  if (typeof baseline === 'number') return out.fill(baseline);
  const ref = referenceRows(reference, shape, `${method} with baseline '${baseline}'`);
  const rows = ref.length / size;
  if (baseline === 'reference' && rows !== 1 && rows !== shape.batch) {
    throw new AppError(
      'invalid-request',
      `${method}: a 'reference' baseline needs 1 or ${shape.batch} reference rows (one per window), got ${rows}`,
    );
  }
  const row = baseline === 'mean' ? meanRow(ref, rows, size) : ref;
  for (let b = 0; b < shape.batch; b++) {
    const from = baseline === 'reference' && rows === shape.batch ? b * size : 0;
    out.set(row.subarray(from, from + size), b * size);
  }
  return out;
}

function meanRow(data: Float32Array, rows: number, size: number): Float32Array {
  const sum = new Float64Array(size);
  for (let r = 0; r < rows; r++) for (let j = 0; j < size; j++) sum[j] = (sum[j] ?? 0) + (data[r * size + j] ?? 0);
  return Float32Array.from(sum, (s) => s / rows);
}

/**
 * The explained value of one row of model outputs ([rows, K]): column `target`, or the sum of
 * the outputs for regressors (no target), as `targetOutput` defines it inside graphs.
 */
export function explainedValue(outputs: ArrayLike<number>, row: number, classes: number, target?: number): number {
  if (target !== undefined) return outputs[row * classes + target] ?? NaN;
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += outputs[row * classes + k] ?? NaN;
  return sum;
}

/** The target of example `i`: undefined for regressors (whose targets are empty). */
export function targetOf(targets: readonly number[], i: number): number | undefined {
  return targets.length === 0 ? undefined : targets[i];
}
