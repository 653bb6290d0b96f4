import type { SeededRandom } from '../ecg-synth/random';

/** Lower-triangular L with L·Lᵀ = the symmetric positive-definite `matrix`. */
export function cholesky(matrix: readonly (readonly number[])[]): number[][] {
  const size = matrix.length;
  const lower = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const at = (m: readonly (readonly number[])[], i: number, j: number): number => m[i]?.[j] ?? 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = at(matrix, i, j);
      for (let k = 0; k < j; k++) sum -= at(lower, i, k) * at(lower, j, k);
      const row = lower[i] as number[];
      if (i === j) {
        if (sum <= 0) throw new RangeError('cholesky: the matrix is not positive definite');
        row[j] = Math.sqrt(sum);
      } else {
        row[j] = sum / at(lower, j, j);
      }
    }
  }
  return lower;
}

/** One draw of N(mean, L·Lᵀ): mean + L·z with z standard normal. */
export function multivariateNormal(
  random: SeededRandom,
  mean: readonly number[],
  lower: readonly (readonly number[])[],
): number[] {
  const z = mean.map(() => random.gaussian());
  return mean.map((m, i) => m + z.reduce((sum, zk, k) => sum + (lower[i]?.[k] ?? 0) * zk, 0));
}
