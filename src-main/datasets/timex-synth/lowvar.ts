import type { BenchmarkDataset, BenchmarkSize } from '../benchmarks/benchmark-dataset';
import type { SeededRandom } from '../ecg-synth/random';
import { randomInteger } from '../seeded-draws/draws';
import { noisyBackground } from './narma';
import { timexDataset, type TimexSample } from './timex-dataset';

/**
 * LowVar (timexpp.md §5.5): one low-variance segment per sample, class 0 included; the class
 * says which channel holds it (0 for classes 0–1, 1 for 2–3) and its level (−1.5 for classes 0
 * and 2, +1.5 for 1 and 3).
 */
export const LOWVAR = {
  times: 200,
  features: 2,
  noise: 1,
  length: [10, 19],
  start: [20, 159],
  level: 1.5,
  segmentStd: 0.1,
} as const;

export function generateLowVar(options: { seed: number; size: BenchmarkSize }): BenchmarkDataset {
  return timexDataset(
    {
      name: 'lowvar',
      times: LOWVAR.times,
      features: LOWVAR.features,
      classNames: ['channel-0-low', 'channel-0-high', 'channel-1-low', 'channel-1-high'],
      sample: lowVarSample,
    },
    options,
  );
}

function lowVarSample(random: SeededRandom, label: number): TimexSample {
  const { times, features } = LOWVAR;
  const x = noisyBackground(random, times, features, LOWVAR.noise);
  const truth = new Uint8Array(x.length);
  const channel = label < 2 ? 0 : 1;
  const level = label % 2 === 0 ? -LOWVAR.level : LOWVAR.level;
  const length = randomInteger(random, LOWVAR.length[0], LOWVAR.length[1] + 1);
  const start = randomInteger(random, LOWVAR.start[0], LOWVAR.start[1] + 1);
  for (let t = start; t < start + length; t++) {
    x[t * features + channel] = level + LOWVAR.segmentStd * random.gaussian();
    truth[t * features + channel] = 1;
  }
  return { x, truth };
}
