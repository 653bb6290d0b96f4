import type { Tensor } from '../../engine/ir';
import { mapValues, pairedMaps, type MetricResult } from '../saliency-map';

/**
 * Spearman rank correlation of two saliency maps ([N, T, F], one shape), per example over its T·F
 * entries, averaged over examples: the Pearson correlation of the ranks, tied values sharing their
 * average rank (scipy `spearmanr`). A constant map has no ranking, which gives NaN.
 */
export function spearmanCorrelation(a: Tensor, b: Tensor): MetricResult {
  const { examples, perExample } = pairedMaps(a, 'a', b, 'b');
  const aValues = mapValues(a);
  const bValues = mapValues(b);
  const perExampleRho = Array.from({ length: examples }, (_, e) =>
    pearson(averageRanks(aValues, e * perExample, perExample), averageRanks(bValues, e * perExample, perExample)),
  );
  return { value: perExampleRho.reduce((sum, v) => sum + v, 0) / examples, perExample: perExampleRho };
}

/** Ranks 1…n of `values[start…start+count)`, ties given the mean of the ranks they span. */
export function averageRanks(values: ArrayLike<number>, start: number, count: number): Float64Array {
  const order = Array.from({ length: count }, (_, i) => i).sort(
    (p, q) => (values[start + p] ?? 0) - (values[start + q] ?? 0),
  );
  const ranks = new Float64Array(count);
  for (let lo = 0; lo < count;) {
    let hi = lo + 1;
    while (hi < count && values[start + (order[hi] ?? 0)] === values[start + (order[lo] ?? 0)]) hi++;
    // Positions lo…hi−1 hold equal values: each gets the mean rank (lo + 1 + hi) / 2.
    for (let j = lo; j < hi; j++) ranks[order[j] ?? 0] = (lo + 1 + hi) / 2;
    lo = hi;
  }
  return ranks;
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const meanX = x.reduce((s, v) => s + v, 0) / n;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - meanX;
    const dy = (y[i] ?? 0) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}
