import { HOUR_MS } from './cells';
import type { Series } from './measurements';

/**
 * Where the hourly bins sit. As published, bin i is the OPEN interval (origin + i h,
 * origin + (i + 1) h): a value exactly on an hour edge, the origin included, lands in no bin.
 * The fixed mode uses half-open bins [origin + i h, origin + (i + 1) h).
 */
export interface BinGrid {
  origin: number;
  edges: 'open' | 'half-open';
  steps: number;
}

/** The mean of each bin's values (NULL values skipped, like pandas), NaN for an empty bin. */
export function binHourly(series: Series, grid: BinGrid): Float64Array {
  const sums = new Float64Array(grid.steps);
  const counts = new Uint32Array(grid.steps);
  series.times.forEach((time, i) => {
    const value = series.values[i];
    const bin = binOf(time - grid.origin, grid);
    if (bin === null || value === null || value === undefined) return;
    sums[bin] = (sums[bin] ?? 0) + value;
    counts[bin] = (counts[bin] ?? 0) + 1;
  });
  return sums.map((sum, bin) => ((counts[bin] ?? 0) === 0 ? NaN : sum / (counts[bin] ?? 1)));
}

function binOf(offset: number, grid: BinGrid): number | null {
  if (offset < 0 || (grid.edges === 'open' && offset % HOUR_MS === 0)) return null;
  const bin = Math.floor(offset / HOUR_MS);
  return bin < grid.steps ? bin : null;
}
