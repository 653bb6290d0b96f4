import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { BenchmarkDataset } from '../benchmarks/benchmark-dataset';
import { generateRare, type RareVariant } from './rare';
import { whiteBoxModel } from './white-box';

/**
 * Spec §4.1 in float64, read off the truth mask: y[n, t] = Σ_d truth·x², except in the
 * diffgroups' first half (rows 0…N/2−1), where y[n, t] = (Σ_d truth·x)².
 */
function expectedOutput(d: BenchmarkDataset, x: Float32Array): Float64Array {
  const [N, T, F] = d.shape;
  const y = new Float64Array(N * T);
  const squareOfSum = d.name.endsWith('-diffgroups');
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      let sum = 0;
      let sumOfSquares = 0;
      for (let f = 0; f < F; f++) {
        const i = (n * T + t) * F + f;
        const v = (d.truth[i] ?? 0) * (x[i] ?? NaN);
        sum += v;
        sumOfSquares += v * v;
      }
      y[n * T + t] = squareOfSum && n < N / 2 ? sum * sum : sumOfSquares;
    }
  }
  return y;
}

async function runModel(bytes: Uint8Array, d: BenchmarkDataset, x: Float32Array): Promise<ort.Tensor> {
  const session = await ort.InferenceSession.create(bytes);
  expect(session.inputNames).toEqual(['x']);
  expect(session.outputNames).toEqual(['y']);
  return (await session.run({ x: new ort.Tensor('float32', x, [...d.shape]) })).y as ort.Tensor;
}

describe('whiteBoxModel', () => {
  it.each(['rare-time', 'rare-observation', 'rare-time-diffgroups', 'rare-observation-diffgroups'] as const)(
    '%s: ONNX output y [N, T, 1] equals the spec formula in float64',
    async (variant: RareVariant) => {
      const d = generateRare(variant, { seed: 5, size: 'full' });
      const bytes = await whiteBoxModel(d);
      // On the dataset, and on other inputs: it is the function, not a copy of its values.
      const shifted = d.x.map((v, i) => 0.5 * v + ((i % 7) - 3) / 4);
      for (const x of [d.x, shifted]) {
        const y = await runModel(bytes, d, x);
        expect(y.dims).toEqual([100, 50, 1]);
        const expected = expectedOutput(d, x);
        const actual = y.data as Float32Array;
        const worst = Math.max(
          ...Array.from(expected, (e, i) => Math.abs((actual[i] ?? NaN) - e) / Math.max(1, Math.abs(e))),
        );
        expect(worst).toBeLessThanOrEqual(1e-5);
        const nonZero = expected.filter((e) => e !== 0).length;
        // 100 rows × 5 salient times (Rare-Time) or 25 (Rare-Observation) carry an output.
        expect(nonZero).toBe(variant.startsWith('rare-time') ? 500 : 2500);
      }
    },
  );

  it('refuses a dataset without a white box', async () => {
    const d = generateRare('rare-time', { seed: 1, size: 'quick' });
    await expect(whiteBoxModel({ ...d, salient: undefined })).rejects.toThrow(AppError);
  });
});
