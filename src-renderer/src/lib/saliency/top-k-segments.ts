/** A [T, F] map: `length` rows of `features` values, row-major. */
export interface TimeFeatureMap {
  values: ArrayLike<number>;
  length: number;
  features: number;
}

/** A run of salient samples on one feature (lead): rows [start, end), ranked by its summed score. */
export interface SalientSegment {
  rank: number;
  feature: number;
  start: number;
  end: number;
  /** The sum of the segment's values above the threshold. */
  score: number;
  peak: number;
}

export interface SegmentOptions {
  /** How many entries (of T·F) are salient: those at or above the k-th highest value. */
  k: number;
  /** Runs of one feature separated by at most this many rows become one segment. */
  mergeGap?: number;
}

/**
 * The salient segments of a map: entries at or above its k-th highest value (and above zero, so
 * that evidence against the class never counts as salient), contiguous runs per feature, runs
 * closer than `mergeGap` merged, ranked by their summed value. NaN entries are never salient.
 */
export function topKSegments(map: TimeFeatureMap, options: SegmentOptions): SalientSegment[] {
  const threshold = kthHighest(map.values, options.k);
  if (threshold === null) return [];
  const gap = options.mergeGap ?? 0;
  const found: Omit<SalientSegment, 'rank'>[] = [];
  for (let f = 0; f < map.features; f++) {
    let open: Omit<SalientSegment, 'rank'> | null = null;
    for (let t = 0; t < map.length; t++) {
      const value = map.values[t * map.features + f] ?? Number.NaN;
      if (!(value >= threshold && value > 0)) continue;
      if (open !== null && t - open.end <= gap) {
        open.end = t + 1;
        open.score += value;
        open.peak = Math.max(open.peak, value);
      } else {
        open = { feature: f, start: t, end: t + 1, score: value, peak: value };
        found.push(open);
      }
    }
  }
  return found
    .sort((a, b) => b.score - a.score || a.start - b.start || a.feature - b.feature)
    .map((segment, i) => ({ rank: i + 1, ...segment }));
}

/** The k-th highest finite value (k ≥ 1), or null when there are fewer than k. */
function kthHighest(values: ArrayLike<number>, k: number): number | null {
  const finite = Float64Array.from(values).filter(Number.isFinite).sort();
  if (k < 1 || finite.length < k) return null;
  return finite[finite.length - k] ?? null;
}
