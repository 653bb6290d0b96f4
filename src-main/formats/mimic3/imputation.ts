import type { Mimic3Mode } from './features';

/**
 * Vitals: empty bins take the mean of the stay's non-empty bins of that vital (sklearn
 * SimpleImputer(mean) fitted on one stay; the mean is over bin means, not raw values).
 * Returns false, changing nothing, when every bin is empty.
 */
export function imputeWithStayMean(bins: Float64Array): boolean {
  let sum = 0;
  let count = 0;
  for (const value of bins) {
    if (Number.isNaN(value)) continue;
    sum += value;
    count += 1;
  }
  if (count === 0) return false;
  const mean = sum / count;
  bins.forEach((value, i) => {
    if (Number.isNaN(value)) bins[i] = mean;
  });
  return true;
}

/**
 * Labs: carry the last value forward; bins before the first value take that first value.
 * Returns false, changing nothing, when every bin is empty.
 */
export function forwardFill(bins: Float64Array): boolean {
  let last = bins.find((value) => !Number.isNaN(value));
  if (last === undefined) return false;
  bins.forEach((value, i) => {
    if (Number.isNaN(value)) bins[i] = last ?? value;
    else last = value;
  });
  return true;
}

/** A stay's lab block before imputation: slot-major, `labCount × steps`. */
export interface RawLabBlock {
  /** Bin means, NaN for an empty bin, 0 for a lab never measured in the stay. */
  values: Float64Array;
  /** 1 where the bin held a measurement. */
  observed: Uint8Array;
}

/**
 * The value for each lab slot whose rows all fell outside the bins (it has rows, so it is NaN,
 * not 0, after forward filling).
 *
 * As published, the imputer is fitted on `x_lab.reshape(-1, labCount)`: each stay's slot-major
 * block cut into rows of `labCount` values, so "column" j mixes every entry whose index
 * slot × steps + t is ≡ j (mod labCount) — lab values, zeros of absent labs and NaNs of empty
 * bins alike (NaN skipped) — over all kept stays, train and test. It is then applied per slot.
 * A column with no value at all gives 0 here (sklearn would drop it and break the shape).
 * The fixed mode uses each lab's own mean over the bins that held measurements.
 */
export function leftoverLabFill(
  blocks: readonly RawLabBlock[],
  labCount: number,
  steps: number,
  mode: Mimic3Mode,
): Float64Array {
  const sums = new Float64Array(labCount);
  const counts = new Float64Array(labCount);
  for (const block of blocks) {
    for (let index = 0; index < labCount * steps; index += 1) {
      const value = block.values[index] ?? NaN;
      const include = mode === 'fixed' ? block.observed[index] === 1 : !Number.isNaN(value);
      if (!include) continue;
      const column = mode === 'fixed' ? Math.floor(index / steps) : index % labCount;
      sums[column] = (sums[column] ?? 0) + value;
      counts[column] = (counts[column] ?? 0) + 1;
    }
  }
  return sums.map((sum, column) => ((counts[column] ?? 0) === 0 ? 0 : sum / (counts[column] ?? 1)));
}

/** Puts the leftover fill into the lab bins still empty after forward filling (feature-major values). */
export function fillEmptyLabs(values: Float64Array, fill: Float64Array, steps: number): void {
  const labBlock = values.subarray(0, fill.length * steps);
  labBlock.forEach((value, index) => {
    if (Number.isNaN(value)) labBlock[index] = fill[Math.floor(index / steps)] ?? 0;
  });
}
