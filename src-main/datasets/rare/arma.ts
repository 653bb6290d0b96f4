import type { SeededRandom } from '../ecg-synth/random';

/**
 * statsmodels `ArmaProcess(ar=[2, .5, .2, .1], ma=[2])` as ContraLSP and tint use it: lag
 * polynomials with the leading coefficient included, so after dividing by a₀ = 2 the series is
 * x[t] = ε[t] − 0.25·x[t−1] − 0.10·x[t−2] − 0.05·x[t−3].
 */
export const ARMA_AR = [2, 0.5, 0.2, 0.1] as const;
export const ARMA_MA = [2] as const;

/**
 * scipy's `lfilter(b, a, input)` with zero initial conditions (what `generate_sample` runs):
 * a₀·y[t] = Σ_k b_k·input[t−k] − Σ_{k≥1} a_k·y[t−k].
 */
export function lfilter(b: readonly number[], a: readonly number[], input: ArrayLike<number>): Float64Array {
  const a0 = a[0] ?? 0;
  if (a0 === 0) throw new RangeError('lfilter: the leading denominator coefficient must not be 0');
  const output = new Float64Array(input.length);
  for (let t = 0; t < input.length; t++) {
    let sum = 0;
    for (let k = 0; k < b.length && k <= t; k++) sum += (b[k] ?? 0) * (input[t - k] ?? 0);
    for (let k = 1; k < a.length && k <= t; k++) sum -= (a[k] ?? 0) * (output[t - k] ?? 0);
    output[t] = sum / a0;
  }
  return output;
}

/**
 * [N, T, F] independent ARMA series along time, one per (sample, feature), from unit Gaussian
 * innovations drawn as one [N, T, F] block (as `generate_sample((N, T, F), axis=1)` does).
 */
export function armaSeries(random: SeededRandom, samples: number, times: number, features: number): Float32Array {
  const innovations = Float64Array.from({ length: samples * times * features }, () => random.gaussian());
  const x = new Float32Array(innovations.length);
  const series = new Float64Array(times);
  for (let n = 0; n < samples; n++) {
    for (let f = 0; f < features; f++) {
      const at = (t: number): number => (n * times + t) * features + f;
      for (let t = 0; t < times; t++) series[t] = innovations[at(t)] ?? 0;
      lfilter(ARMA_MA, ARMA_AR, series).forEach((v, t) => (x[at(t)] = v));
    }
  }
  return x;
}
