import type { Traced } from '../../engine';

/**
 * TimeX's own loss terms (timexpp.md §8) as scalar Traced values. Embeddings are [B, d], class
 * log-probabilities [B, C]; B ≥ 2 (the terms compare the samples of a batch with each other).
 */

/** S(Z) [B, B]: cosine similarities between the rows of Z (each row over max(‖z‖, 1e−8)). */
export function cosineSimilarities(z: Traced): Traced {
  const unit = z.div(z.reduceL2([1], { keepdims: true }).max(1e-8));
  return unit.matmul(unit.transpose([1, 0]));
}

/**
 * Model behaviour consistency: mean (S(z_f) − S(z))², divided by the unbiased variance of S(z_f)'s
 * entries when `normalize` (the `normalize_distance` of LowVar and ECG).
 */
export function behaviourConsistency(reference: Traced, z: Traced, normalize: boolean): Traced {
  const target = cosineSimilarities(reference);
  const loss = target.sub(cosineSimilarities(z)).pow(2).reduceMean();
  if (!normalize) return loss;
  const count = target.size;
  const variance = target
    .sub(target.reduceMean())
    .pow(2)
    .reduceSum()
    .div(Math.max(1, count - 1));
  return loss.div(variance.add(1e-12));
}

/**
 * The official code's Jensen–Shannon term over the pairs i < j of a batch's class distributions:
 * ½ mean m (ln m − ln p_i) + ½ mean m (ln m − ln p_j) with m = (p_i + p_j)/2, each mean taken over
 * every pair and class (`kl_div(reduction='mean')`, whose KL runs from m to p).
 */
export function meanPairwiseJs(logP: Traced): Traced {
  const [batch = 1, classes = 1] = logP.shape;
  const a = logP.unsqueeze([1]).expand([batch, batch, classes]);
  const b = logP.unsqueeze([0]).expand([batch, batch, classes]);
  const logM = a.exp().add(b.exp()).mul(0.5).log();
  const m = logM.exp();
  const js = m
    .mul(logM.sub(a))
    .add(m.mul(logM.sub(b)))
    .reduceSum([2])
    .mul(0.5);
  const upper = new Float32Array(batch * batch);
  for (let i = 0; i < batch; i++) for (let j = i + 1; j < batch; j++) upper[i * batch + j] = 1;
  const pairs = (batch * (batch - 1)) / 2;
  return js
    .mul(logP.tracer.constant({ dtype: 'float32', shape: [batch, batch], data: upper }))
    .reduceSum()
    .div(Math.max(1, pairs) * classes);
}

/**
 * Label consistency as implemented (§8): (mean_pairs JS(p̂_E) − mean_pairs JS(p̂_f))², where the
 * paper averages the squared differences pair by pair; the JS terms are `meanPairwiseJs`'s.
 */
export function labelConsistency(logExplained: Traced, logModel: Traced): Traced {
  return meanPairwiseJs(logExplained).sub(meanPairwiseJs(logModel)).pow(2);
}

/**
 * The landmark each explanation embedding is matched to: cosine similarities of the detached z
 * with the landmarks P [K, d], log-softmax, then a hard Gumbel-softmax at temperature `tau` with
 * fed Gumbel noise [B, K]; the one-hot row (straight-through) times P, [B, d].
 */
export function matchedLandmarks(z: Traced, landmarks: Traced, gumbel: Traced, tau: number): Traced {
  const unitZ = z.stopGradient().div(z.stopGradient().reduceL2([1], { keepdims: true }).max(1e-8));
  const unitP = landmarks.div(landmarks.reduceL2([1], { keepdims: true }).max(1e-8));
  const logits = unitZ.matmul(unitP.transpose([1, 0])).logSoftmax(-1);
  const soft = logits.add(gumbel).div(tau).softmax(-1);
  const hard = soft.equal(soft.reduceMax([1], { keepdims: true })).cast('float32');
  return z.tracer.straightThrough(hard, soft).matmul(landmarks);
}
