import { Rng } from '../engine';

/**
 * The random choices of the sampling explainers (GradientSHAP, AFO), in the order they draw them.
 * Explainers use the seeded source; tests replay the draws a reference implementation recorded.
 */
export interface RandomSource {
  /** An integer in [0, n). */
  index(n: number): number;
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** `count` standard normal samples. */
  normal(count: number): Float32Array;
}

export function seededSource(seed: number): RandomSource {
  const rng = new Rng(seed);
  return {
    index: (n) => Math.min(n - 1, Math.floor(rng.next() * n)),
    uniform: () => rng.next(),
    normal: (count) => rng.normal([count]).data as Float32Array,
  };
}

/** One of several independent seeded streams of a method (initial weights, order, noise…), by number. */
export function streamRng(seed: number, stream: number): Rng {
  return new Rng((Math.imul(seed >>> 0, 0x9e3779b1) + stream * 0x85ebca6b) >>> 0);
}
