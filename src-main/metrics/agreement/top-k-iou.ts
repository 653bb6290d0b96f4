import type { Tensor } from '../../engine/ir';
import { AppError } from '../../errors';
import { rankEntries } from '../ranking';
import { mapValues, pairedMaps, type MetricResult } from '../saliency-map';

/**
 * Agreement of two saliency maps ([N, T, F], one shape) on their most salient entries: per example,
 * the intersection over union of the top k = round(fraction·T·F) entries of each map (highest raw
 * value first; ties by index), averaged over examples. 1 = the same top set, 0 = disjoint.
 */
export function topKIou(a: Tensor, b: Tensor, fraction: number): MetricResult {
  const { examples, perExample } = pairedMaps(a, 'a', b, 'b');
  const k = Math.round(fraction * perExample);
  if (!(fraction > 0 && fraction <= 1) || k < 1) {
    throw new AppError(
      'invalid-request',
      `fraction: expected a fraction in (0, 1] that selects at least one of ${perExample} entries, got ${fraction}`,
    );
  }
  const aValues = mapValues(a);
  const bValues = mapValues(b);
  const perExampleIou = Array.from({ length: examples }, (_, e) => {
    const top = new Set(rankEntries(aValues, e * perExample, perExample, true).subarray(0, k));
    const shared = rankEntries(bValues, e * perExample, perExample, true)
      .subarray(0, k)
      .filter((i) => top.has(i)).length;
    return shared / (2 * k - shared);
  });
  return { value: perExampleIou.reduce((sum, v) => sum + v, 0) / examples, perExample: perExampleIou };
}
