import type { SeededRandom } from '../ecg-synth/random';

/**
 * The discrete draws the benchmark generators need, in numpy's semantics, on our seeded
 * generator (the published generators' numpy/torch streams cannot be replayed in JavaScript).
 */

/** Uniform integer in [low, high), like numpy's `randint(low, high)`. */
export function randomInteger(random: SeededRandom, low: number, high: number): number {
  // With 2^32 uniform levels the bias of flooring is below high−low over 2^32: negligible here.
  return low + Math.floor(random.uniform() * (high - low));
}

/** 1 with probability p, else 0. */
export function bernoulli(random: SeededRandom, p: number): 0 | 1 {
  return random.uniform() < p ? 1 : 0;
}

/** Poisson(mean) by Knuth's product of uniforms: exact, and quick for the small means used here. */
export function poisson(random: SeededRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random.uniform(); product > limit; product *= random.uniform()) count++;
  return count;
}

/** A uniformly random ordering of 0…n−1 (Fisher–Yates). */
export function permutation(random: SeededRandom, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInteger(random, 0, i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** 1 with probability sigmoid(logit) = 1 / (1 + e^−logit): the benchmarks' per-step labels. */
export function bernoulliLogit(random: SeededRandom, logit: number): 0 | 1 {
  return bernoulli(random, 1 / (1 + Math.exp(-logit)));
}
