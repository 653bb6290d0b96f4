/**
 * |a| min–max normalised per sample with Dynamask's ε, (|a| − min)/(max − min + 1e-7): Table 1's
 * FO, AFO and IG maps, written out independently of the harness for its tests.
 */
export function normalisedMagnitudes(values: ArrayLike<number>, perSample: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let start = 0; start < values.length; start += perSample) {
    const sample = Array.from({ length: perSample }, (_, i) => Math.abs(values[start + i] ?? NaN));
    const [min, max] = [Math.min(...sample), Math.max(...sample)];
    sample.forEach((v, i) => (out[start + i] = (v - min) / (max - min + 1e-7)));
  }
  return out;
}
