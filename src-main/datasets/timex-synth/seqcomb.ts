import type { BenchmarkDataset, BenchmarkSize } from '../benchmarks/benchmark-dataset';
import type { SeededRandom } from '../ecg-synth/random';
import { permutation, poisson, randomInteger } from '../seeded-draws/draws';
import { noisyBackground } from './narma';
import { timexDataset, type TimexSample } from './timex-dataset';

/** SeqComb-UV and SeqComb-MV (timexpp.md §5.3–5.4). */
export const SEQCOMB = {
  uv: { name: 'seqcomb-uv', features: 1, length: [10, 19], frequency: 10 },
  mv: { name: 'seqcomb-mv', features: 4, length: [15, 29], frequency: 5 },
  times: 200,
  noise: 0.01,
  /** The first sub-sequence starts in 0…99. */
  firstStartBelow: 100,
  /** Per class, the trend of the first and second sub-sequence; class 0 has none. */
  trends: [[], ['down', 'down'], ['up', 'up'], ['up', 'down']],
} as const;

type Trend = 'up' | 'down';
export type SeqCombVariant = 'uv' | 'mv';

/** One planted sub-sequence: x[start … start + length − 1] in `channel`, frequency ω. */
export interface Subsequence {
  channel: number;
  start: number;
  length: number;
  omega: number;
}

export function generateSeqComb(
  variant: SeqCombVariant,
  options: { seed: number; size: BenchmarkSize },
): BenchmarkDataset {
  const { name, features } = SEQCOMB[variant];
  return timexDataset(
    {
      name,
      times: SEQCOMB.times,
      features,
      classNames: ['none', 'down-down', 'up-up', 'up-down'],
      sample: (random, label) => seqCombSample(variant, random, label),
    },
    options,
  );
}

function seqCombSample(variant: SeqCombVariant, random: SeededRandom, label: number): TimexSample {
  const { features, length, frequency } = SEQCOMB[variant];
  const T = SEQCOMB.times;
  const x = noisyBackground(random, T, features, SEQCOMB.noise);
  const truth = new Uint8Array(x.length);
  const trends: readonly Trend[] = SEQCOMB.trends[label] ?? [];
  if (trends.length === 0) return { x, truth };

  const lengths = [randomInteger(random, length[0], length[1] + 1), randomInteger(random, length[0], length[1] + 1)];
  const [firstLength, secondLength] = lengths as [number, number];
  const firstStart = randomInteger(random, 0, SEQCOMB.firstStartBelow);
  // The second starts after the first ends and ends before the last step.
  const secondStart = randomInteger(random, firstStart + firstLength, T - secondLength);
  const channels = features === 1 ? [0, 0] : permutation(random, features).slice(0, 2);
  const planted: Subsequence[] = [
    { channel: channels[0] ?? 0, start: firstStart, length: firstLength, omega: poisson(random, frequency) },
    { channel: channels[1] ?? 0, start: secondStart, length: secondLength, omega: poisson(random, frequency) },
  ];
  // Bounds come from the whole background, before anything is planted.
  const [low, high] = [Math.abs(Math.min(...x)), Math.abs(Math.max(...x))];
  planted.forEach((sub, i) => {
    const [from, to] = trends[i] === 'up' ? [-5 * low, 5 * high] : [5 * high, -5 * low];
    plantSubsequence(x, features, sub, (to - from) / sub.length);
    for (let t = sub.start; t < sub.start + sub.length; t++) truth[t * features + sub.channel] = 1;
  });
  return { x, truth };
}

/** Overwrites the sub-sequence with slope·u + sin(ω·u), u = −⌊L/2⌋ … ⌈L/2⌉ − 1. */
export function plantSubsequence(x: Float64Array, features: number, sub: Subsequence, slope: number): void {
  for (let i = 0; i < sub.length; i++) {
    const u = i - Math.floor(sub.length / 2);
    x[(sub.start + i) * features + sub.channel] = slope * u + Math.sin(sub.omega * u);
  }
}
