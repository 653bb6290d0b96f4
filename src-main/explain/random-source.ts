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
