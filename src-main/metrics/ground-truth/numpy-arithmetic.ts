import type { DType } from '../../engine/ir';

/**
 * tint hands float32 attributions to numpy as float32, so its metrics run in float32 and drift
 * from the float64 values by up to ~1e-4 relative (information near a' = 1). To reproduce the
 * reference numbers for either input type, every arithmetic step is rounded to the input's
 * precision, and sums follow numpy's own summation order.
 */
export type Rounding = (value: number) => number;

/** No rounding: float64 arithmetic. */
export const exactRounding: Rounding = (value) => value;

export function roundingFor(dtype: DType): Rounding {
  return dtype === 'float32' ? Math.fround : exactRounding;
}

/** numpy's block size below which pairwise summation stops splitting. */
const PAIRWISE_BLOCK = 128;

/**
 * `np.sum` of a contiguous 1-D array: numpy's pairwise summation (8 interleaved accumulators
 * per block of ≤ 128, halves split at a multiple of 8), with every addition rounded.
 */
export function numpySum(values: ArrayLike<number>, round: Rounding = exactRounding): number {
  return pairwise(values, 0, values.length, round);
}

function pairwise(values: ArrayLike<number>, start: number, count: number, round: Rounding): number {
  const at = (i: number): number => values[start + i] ?? 0;
  if (count < 8) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum = round(sum + at(i));
    return sum;
  }
  if (count <= PAIRWISE_BLOCK) {
    const r = [at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7)];
    let i = 8;
    for (; i < count - (count % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] = round((r[j] ?? 0) + at(i + j));
    }
    const [r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0] = r;
    let sum = round(round(round(r0 + r1) + round(r2 + r3)) + round(round(r4 + r5) + round(r6 + r7)));
    for (; i < count; i++) sum = round(sum + at(i));
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return round(pairwise(values, start, half, round) + pairwise(values, start + half, count - half, round));
}
