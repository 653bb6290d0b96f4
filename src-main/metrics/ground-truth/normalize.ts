import { exactRounding, type Rounding } from './numpy-arithmetic';

/** The ε in tint's normaliser (ContraLSP Table 2, tint's HMM experiment). */
export const TINT_EPSILON = 1e-5;
/** The ε in TimeX++'s per-sample normaliser. */
export const TIMEXPP_EPSILON = 1e-9;

/**
 * Per-example min–max normalisation over each example's T·F entries:
 * a' = (a − min) / (max − min + ε). With ε = 0 (Crabbé / ContraLSP Table 1) a constant map gives
 * NaN, as the original code does. Each step is rounded by `round` (the attributions' precision).
 */
export function minMaxNormalize(
  values: ArrayLike<number>,
  perExample: number,
  epsilon: number,
  round: Rounding = exactRounding,
): Float64Array {
  const out = new Float64Array(values.length);
  const eps = round(epsilon);
  for (let start = 0; start < values.length; start += perExample) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = start; i < start + perExample; i++) {
      const v = values[i] ?? NaN;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const range = round(round(max - min) + eps);
    for (let i = start; i < start + perExample; i++) out[i] = round(round((values[i] ?? NaN) - min) / range);
  }
  return out;
}
