import { tensor } from '../engine';
import type { Rng, Tensor, Traced, Tracer } from '../engine';

/**
 * The paper's contrastive triplet term, per sample, as an opt-in extension (spec §2.5 "intended";
 * the released code's version has no gradient). Each step, the counterfactuals of the previous
 * step are split by 2-means; every sample of a cluster with ≥ 2 members is an anchor whose
 * positives are the K⁺ members of its cluster nearest the centroid and whose negatives are K⁻
 * members of the other cluster drawn at random, K = min(50, ⌊n/5⌋ + 1). The hinge
 * max(0, D_an − D_ap − 1) on mean Manhattan distances is written as printed, reversed against a
 * textbook triplet: it pulls a counterfactual toward the other cluster (deletion: the reverse).
 */
export interface TripletChoice {
  /** Weight of sample j as a positive (negative) of anchor i, [N, N], 1/K per chosen pair. */
  readonly positives: Tensor;
  readonly negatives: Tensor;
  /** 1/(number of anchors) for each anchor, [N]. */
  readonly anchors: Tensor;
}

const INPUTS = { positives: 'triplet.positives', negatives: 'triplet.negatives', anchors: 'triplet.anchors' };

/** The mean hinge over the anchors, from the counterfactuals x^r [N, T, D] and the step's choice (graph inputs). */
export function tripletHinge(g: Tracer, counterfactuals: Traced, deletion: boolean): Traced {
  const [rows = 1] = counterfactuals.shape;
  const flat = counterfactuals.reshape([rows, -1]);
  const distance = flat
    .unsqueeze([1])
    .sub(flat.unsqueeze([0]))
    .abs()
    .reduceMean([2]);
  const mean = (name: string): Traced => distance.mul(g.input(name, 'float32', [rows, rows])).reduceSum([1]);
  const margin = mean(INPUTS.negatives).sub(mean(INPUTS.positives)).sub(1);
  return (deletion ? margin.neg() : margin)
    .relu()
    .mul(g.input(INPUTS.anchors, 'float32', [rows]))
    .reduceSum();
}

/** The step's feeds for `tripletHinge`, chosen from the counterfactuals [N, T, D]. */
export function chooseTriplets(counterfactuals: Tensor, rng: Rng): Record<string, Tensor> {
  const [rows = 1] = counterfactuals.shape;
  const width = counterfactuals.data.length / rows;
  const points = counterfactuals.data as Float32Array;
  const { labels, centroids } = twoMeans(points, rows, width, rng);
  const positives = new Float32Array(rows * rows);
  const negatives = new Float32Array(rows * rows);
  const anchors = new Float32Array(rows);
  const members = [0, 1].map((c) => Array.from({ length: rows }, (_, i) => i).filter((i) => labels[i] === c));
  const quota = (n: number): number => (n >= 250 ? 50 : Math.floor(n / 5) + 1);
  members.forEach((own, c) => {
    const other = members[1 - c] ?? [];
    if (own.length < 2 || other.length === 0) return;
    const centre = centroids.subarray(c * width, (c + 1) * width);
    const nearest = own
      .map((i) => ({ i, d: squaredDistance(points, i * width, centre, width) }))
      .sort((a, b) => a.d - b.d)
      .map(({ i }) => i);
    const kNeg = Math.min(quota(other.length), other.length);
    for (const anchor of own) {
      const chosen = nearest.filter((j) => j !== anchor).slice(0, quota(own.length));
      for (const j of chosen) positives[anchor * rows + j] = 1 / chosen.length;
      for (const j of sample(other, kNeg, rng)) negatives[anchor * rows + j] = 1 / kNeg;
      anchors[anchor] = 1;
    }
  });
  const count = anchors.reduce((s, a) => s + a, 0);
  if (count > 0) anchors.forEach((a, i) => (anchors[i] = a / count));
  return {
    [INPUTS.positives]: tensor('float32', [rows, rows], positives),
    [INPUTS.negatives]: tensor('float32', [rows, rows], negatives),
    [INPUTS.anchors]: tensor('float32', [rows], anchors),
  };
}

const RESTARTS = 10;
const MAX_ITERATIONS = 300;

/** 2-means (k-means++ seeding, Lloyd's iterations, the best of 10 restarts by inertia). */
function twoMeans(
  points: Float32Array,
  rows: number,
  width: number,
  rng: Rng,
): { labels: Int32Array; centroids: Float64Array } {
  let best = { labels: new Int32Array(rows), centroids: new Float64Array(2 * width), inertia: Infinity };
  for (let restart = 0; restart < RESTARTS; restart++) {
    const centroids = new Float64Array(2 * width);
    const first = Math.min(rows - 1, Math.floor(rng.next() * rows));
    centroids.set(points.subarray(first * width, (first + 1) * width), 0);
    const weights = Array.from({ length: rows }, (_, i) =>
      squaredDistance(points, i * width, centroids.subarray(0, width), width),
    );
    const second = drawWeighted(weights, rng);
    centroids.set(points.subarray(second * width, (second + 1) * width), width);
    const labels = new Int32Array(rows).fill(-1);
    let inertia = 0;
    for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      let changed = false;
      inertia = 0;
      for (let i = 0; i < rows; i++) {
        const d = [0, 1].map((c) =>
          squaredDistance(points, i * width, centroids.subarray(c * width, (c + 1) * width), width),
        );
        const label = (d[1] ?? 0) < (d[0] ?? 0) ? 1 : 0;
        inertia += d[label] ?? 0;
        if (labels[i] !== label) changed = true;
        labels[i] = label;
      }
      if (!changed) break;
      for (let c = 0; c < 2; c++) {
        const own = Array.from({ length: rows }, (_, i) => i).filter((i) => labels[i] === c);
        if (own.length === 0) continue;
        const centre = centroids.subarray(c * width, (c + 1) * width).fill(0);
        for (const i of own)
          for (let k = 0; k < width; k++) centre[k] = (centre[k] ?? 0) + (points[i * width + k] ?? 0) / own.length;
      }
    }
    if (inertia < best.inertia) best = { labels, centroids, inertia };
  }
  return best;
}

function squaredDistance(points: Float32Array, offset: number, centre: ArrayLike<number>, width: number): number {
  let sum = 0;
  for (let k = 0; k < width; k++) sum += ((points[offset + k] ?? 0) - (centre[k] ?? 0)) ** 2;
  return sum;
}

/** An index drawn with probability ∝ weight (uniform when every weight is 0). */
function drawWeighted(weights: readonly number[], rng: Rng): number {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total === 0) return Math.min(weights.length - 1, Math.floor(rng.next() * weights.length));
  let target = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] ?? 0;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/** `count` distinct values of `from`, drawn uniformly (a partial Fisher–Yates shuffle). */
function sample(from: readonly number[], count: number, rng: Rng): number[] {
  const pool = [...from];
  for (let i = 0; i < count; i++) {
    const j = i + Math.min(pool.length - i - 1, Math.floor(rng.next() * (pool.length - i)));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, count);
}
