import { describe, expect, it } from 'vitest';
import type { BenchmarkDataset } from '../benchmarks/benchmark-dataset';
import { splitRows, truthRuns, type TruthRun } from '../benchmarks/testing/truth-runs';
import { generateSeqComb, plantSubsequence } from './seqcomb';

/** Largest |residual| accepted as exact: float32 storage of values up to about 5. */
const EXACT = 2e-5;

/**
 * The sub-sequence's slope and integer frequency ω, recovered from its values v_u = slope·u + sin(ω·u):
 * the first ω in 0…60 whose least-squares slope fits exactly, else the best one.
 */
function fitSubsequence(values: readonly number[]): { slope: number; omega: number; residual: number } {
  const half = Math.floor(values.length / 2);
  const sumOfSquares = values.reduce((s, _, i) => s + (i - half) ** 2, 0);
  let best = { slope: NaN, omega: -1, residual: Infinity };
  for (let omega = 0; omega <= 60 && best.residual >= EXACT; omega++) {
    const rest = (i: number): number => (values[i] ?? NaN) - Math.sin(omega * (i - half));
    let slope = 0;
    for (let i = 0; i < values.length; i++) slope += (rest(i) * (i - half)) / sumOfSquares;
    let residual = 0;
    for (let i = 0; i < values.length; i++) residual = Math.max(residual, Math.abs(rest(i) - slope * (i - half)));
    if (residual < best.residual) best = { slope, omega, residual };
  }
  return best;
}

type Fit = TruthRun & ReturnType<typeof fitSubsequence>;

/**
 * The two planted sub-sequences behind a sample's truth runs, with their fits, or [] when they
 * are not two runs of allowed length, the second after the first, each exactly slope·u + sin(ω·u).
 * In one channel the second may start right where the
 * first ends, so a single run is tried at every split.
 */
function subsequenceFits(
  runs: readonly TruthRun[],
  lengths: [number, number],
  at: (t: number, f: number) => number,
): Fit[] {
  const fit = (run: TruthRun): Fit => ({
    ...run,
    ...fitSubsequence(Array.from({ length: run.length }, (_, i) => at(run.start + i, run.feature))),
  });
  const allowed = (run: TruthRun): boolean => run.length >= lengths[0] && run.length <= lengths[1];
  const candidates: TruthRun[][] =
    runs.length === 2
      ? [[...runs]]
      : runs.length === 1 && runs[0]
        ? Array.from({ length: runs[0].length }, (_, cut) => {
            const run = runs[0] as TruthRun;
            return [
              { ...run, length: cut },
              { ...run, start: run.start + cut, length: run.length - cut },
            ];
          })
        : [];
  for (const [first, second] of candidates) {
    if (!first || !second || !allowed(first) || !allowed(second)) continue;
    if (second.start < first.start + first.length) continue;
    const fits = [fit(first), fit(second)];
    if (fits.every((f) => f.residual < EXACT)) return fits;
  }
  return [];
}

/**
 * Every sample's background and class-0 emptiness; the planted sub-sequences of the test split,
 * the part the tables evaluate (checking all 6100 samples' fits takes too long for a unit test).
 */
function checkSeqComb(d: BenchmarkDataset, lengths: [number, number], frequency: number): void {
  const [N, T, F] = d.shape;
  const testFrom = splitRows(d).test[0];
  const omegas: number[] = [];
  const problems: string[] = [];
  let [firstSteps, firstSum] = [0, 0];
  let [backgroundLow, backgroundHigh] = [Infinity, -Infinity];
  d.truth.forEach((salient, i) => {
    if (salient === 1) return;
    backgroundLow = Math.min(backgroundLow, d.x[i] ?? NaN);
    backgroundHigh = Math.max(backgroundHigh, d.x[i] ?? NaN);
  });
  for (let n = 0; n < N; n++) {
    const label = d.labels?.[n] ?? NaN;
    const at = (t: number, f: number): number => d.x[(n * T + t) * F + f] ?? NaN;
    if (label === 0) {
      if (d.truth.subarray(n * T * F, (n + 1) * T * F).includes(1)) problems.push(`${n}: class 0 has ground truth`);
      for (let f = 0; f < F; f++) [firstSteps, firstSum] = [firstSteps + 1, firstSum + at(0, f)];
      continue;
    }
    if (n < testFrom) continue;
    const runs = truthRuns(d, n);
    const fits = subsequenceFits(runs, lengths, (t, f) => at(t, f));
    const [first, second] = fits;
    if (!first || !second) {
      problems.push(`${n}: no two sub-sequences of slope·u + sin(ω·u) in ${JSON.stringify(runs)}`);
      continue;
    }
    if (first.start > 99) problems.push(`${n}: first start ${first.start}`);
    if (second.start + second.length > T - 1) problems.push(`${n}: second ends at the last step`);
    if (F > 1 && first.feature === second.feature) problems.push(`${n}: both in channel ${first.feature}`);
    fits.forEach((f) => omegas.push(f.omega));
    // class 1 = (down, down), 2 = (up, up), 3 = (up, down); both spans are 5(|m₋| + |m₊|).
    const expectedSigns = [[], [-1, -1], [1, 1], [1, -1]][label] ?? [];
    if (fits.some((f, i) => Math.sign(f.slope) !== expectedSigns[i])) problems.push(`${n}: trends of class ${label}`);
    const [span1, span2] = fits.map((f) => Math.abs(f.slope * f.length)) as [number, number];
    if (Math.abs(span1 - span2) > 1e-4 * span1) problems.push(`${n}: spans ${span1} ≠ ${span2}`);
  }
  expect(problems).toEqual([]);
  // ω ~ Poisson(λ): mean λ, sd of the mean sqrt(λ / count).
  const meanOmega = omegas.reduce((s, v) => s + v, 0) / omegas.length;
  expect(Math.abs(meanOmega - frequency)).toBeLessThan(5 * Math.sqrt(frequency / omegas.length));
  // The background is NARMA + N(0, 0.01²): within [0.1, 0.68] widened by 6σ, starting at mean 0.194.
  expect(backgroundLow).toBeGreaterThan(0.1 - 0.06);
  expect(backgroundHigh).toBeLessThan(0.475 / 0.7 + 0.06);
  expect(Math.abs(firstSum / firstSteps - 0.19375)).toBeLessThan(5 * (0.083 / Math.sqrt(firstSteps)));
}

const uv = generateSeqComb('uv', { seed: 2, size: 'full' });
const mv = generateSeqComb('mv', { seed: 2, size: 'full' });

describe('SeqComb (timexpp.md §5.3–5.4)', () => {
  it('plants slope·u + sin(ω·u) over u = −⌊L/2⌋ … ⌈L/2⌉ − 1', () => {
    const x = new Float64Array(2 * 8).fill(7);
    plantSubsequence(x, 2, { channel: 1, start: 2, length: 5, omega: 3 }, 0.5);
    const expected = Array.from({ length: 8 }, (_, t) => (t >= 2 && t < 7 ? 0.5 * (t - 4) + Math.sin(3 * (t - 4)) : 7));
    expected.forEach((v, t) => {
      expect(x[t * 2 + 1]).toBeCloseTo(v, 15);
      expect(x[t * 2]).toBe(7);
    });
  });

  it('SeqComb-UV: 6100 × 200 × 1, two sub-sequences of 10–19 steps, ω ~ Poisson(10)', () => {
    const d = uv;
    expect(d.shape).toEqual([6100, 200, 1]);
    expect(d.split).toEqual({ train: 5000, validation: 100, test: 1000 });
    checkSeqComb(d, [10, 19], 10);
  });

  it('SeqComb-MV: 6100 × 200 × 4, two sub-sequences of 15–29 steps in two channels, ω ~ Poisson(5)', () => {
    const d = mv;
    expect(d.shape).toEqual([6100, 200, 4]);
    checkSeqComb(d, [15, 29], 5);
    const channels = new Set(
      Array.from({ length: 200 }, (_, n) =>
        truthRuns(d, 6100 - 1 - n)
          .map((r) => r.feature)
          .join(),
      ),
    );
    expect(channels.size).toBeGreaterThan(8);
  });
});
