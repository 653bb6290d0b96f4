import type { SeededRandom } from '../ecg-synth/random';

/**
 * timesynth's NARMA(2) as it actually runs (timexpp.md §5.2): its slicing bug empties the
 * non-linear sum, leaving y_k = 0.3·y_{k−1} + 1.5·u_{k−2}·u_k + 0.1 with y_{−1} = 0.
 * `u` holds u_{−2}, u_{−1}, u_0, …, u_{T−1} (T + 2 values).
 */
export function narma(u: ArrayLike<number>): Float64Array {
  const y = new Float64Array(Math.max(0, u.length - 2));
  let previous = 0;
  for (let k = 0; k < y.length; k++) {
    previous = 0.3 * previous + 1.5 * (u[k] ?? 0) * (u[k + 2] ?? 0) + 0.1;
    y[k] = previous;
  }
  return y;
}

/** One background channel of length T, with u ~ i.i.d. U(0, 0.5). */
export function narmaBackground(random: SeededRandom, times: number): Float64Array {
  return narma(Float64Array.from({ length: times + 2 }, () => random.between(0, 0.5)));
}

/** [T, D] row-major: D independent NARMA channels plus i.i.d. N(0, noise²). */
export function noisyBackground(random: SeededRandom, times: number, features: number, noise: number): Float64Array {
  const x = new Float64Array(times * features);
  for (let f = 0; f < features; f++) {
    narmaBackground(random, times).forEach((v, t) => (x[t * features + f] = v + noise * random.gaussian()));
  }
  return x;
}
