import type { BenchmarkDataset, BenchmarkSize } from '../benchmarks/benchmark-dataset';
import type { SeededRandom } from '../ecg-synth/random';
import { randomInteger } from '../seeded-draws/draws';
import { timexDataset, type TimexSample } from './timex-dataset';

/**
 * FreqShapes (timexpp.md §5.1): spikes of one shape repeating at one period; the class is the
 * (shape, period) pair.
 */
export const FREQSHAPES = {
  times: 50,
  noise: 0.25,
  /** Class → (shape, period): 0 = (down, 10), 1 = (up, 10), 2 = (down, 17), 3 = (up, 17). */
  classes: [
    { sign: -1, period: 10 },
    { sign: 1, period: 10 },
    { sign: -1, period: 17 },
    { sign: 1, period: 17 },
  ],
  /** The three values a spike sets at c − 1, c, c + 1 (negated for 'down'). */
  spike: [1.75, 2, 1.75],
} as const;

export function generateFreqShapes(options: { seed: number; size: BenchmarkSize }): BenchmarkDataset {
  return timexDataset(
    {
      name: 'freqshapes',
      times: FREQSHAPES.times,
      features: 1,
      classNames: ['down-10', 'up-10', 'down-17', 'up-17'],
      sample: freqShapesSample,
    },
    options,
  );
}

function freqShapesSample(random: SeededRandom, label: number): TimexSample {
  const T = FREQSHAPES.times;
  const { sign, period } = FREQSHAPES.classes[label] ?? FREQSHAPES.classes[0];
  const x = new Float64Array(T);
  const truth = new Uint8Array(T);
  // Centres s, s + period, … below T; a spike is kept only when all of c − 1 … c + 1 fit.
  for (let c = randomInteger(random, 0, T - period); c < T; c += period) {
    if (c - 1 < 0 || c + 2 > T) continue;
    FREQSHAPES.spike.forEach((value, k) => {
      x[c - 1 + k] = sign * value;
      truth[c - 1 + k] = 1;
    });
  }
  for (let t = 0; t < T; t++) x[t] = (x[t] ?? 0) + FREQSHAPES.noise * random.gaussian();
  return { x, truth };
}
