import type { Tensor } from '../../engine/ir';
import { AppError } from '../../errors';
import type { MapShape } from '../saliency-map';

/**
 * What replaces an input entry: a number (0 is tint's default), `'average'` (each example's
 * per-feature mean over time, tint's MIMIC "Average" baseline `x.mean(1).repeat(1, T, 1)`) or a
 * tensor shaped exactly like the inputs.
 */
export type Baseline = number | 'average' | Tensor;

/** The baseline's value at each flat input index (b·T·F + t·F + f). */
export function baselineValues(baseline: Baseline, x: Tensor, shape: MapShape): (index: number) => number {
  if (typeof baseline === 'number') return () => baseline;
  const values = x.data as ArrayLike<number>;
  if (baseline === 'average') {
    const { examples, steps, features } = shape;
    const slot = (i: number): number => Math.floor(i / shape.perExample) * features + (i % features);
    const sums = new Float64Array(examples * features);
    for (let i = 0; i < values.length; i++) sums[slot(i)] = (sums[slot(i)] ?? 0) + (values[i] ?? 0);
    return (i) => (sums[slot(i)] ?? NaN) / steps;
  }
  if (baseline.shape.join(',') !== x.shape.join(',')) {
    throw new AppError(
      'invalid-request',
      `baseline: a tensor baseline must be shaped like the inputs [${x.shape.join(', ')}], got [${baseline.shape.join(', ')}]`,
    );
  }
  const data = baseline.data as ArrayLike<number>;
  return (i) => data[i] ?? NaN;
}

/**
 * A copy of `source` (same dtype) in which, for each example b, the entries `chosen[b]` (flat
 * indices within the example) take `value(global index)`.
 */
export function overwriteEntries(
  source: Tensor,
  perExample: number,
  chosen: readonly ArrayLike<number>[],
  value: (index: number) => number,
): Tensor {
  const data = source.data.slice() as Float32Array | Float64Array;
  chosen.forEach((entries, b) => {
    for (let k = 0; k < entries.length; k++) {
      const i = b * perExample + (entries[k] ?? 0);
      data[i] = value(i);
    }
  });
  return { dtype: source.dtype, shape: source.shape, data };
}
