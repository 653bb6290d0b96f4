import { AppError } from '../../errors';
import type { BenchmarkDataset, BenchmarkSize, SalientBlock } from '../benchmarks/benchmark-dataset';
import { SeededRandom } from '../ecg-synth/random';
import { permutation, randomInteger } from '../seeded-draws/draws';
import { armaSeries } from './arma';
import { salientMask } from './salient-mask';

export type RareVariant = 'rare-time' | 'rare-time-diffgroups' | 'rare-observation' | 'rare-observation-diffgroups';

/**
 * Where the salient set comes from: our seeded draws, or the values torch draws for seed 42
 * (tint's `Arma`, which the spec hard-codes: rare features [42, 17, 30, 34, 20], rare-time start
 * 42). The latter exists for the two standard variants only.
 */
export type RareSalientSet = 'drawn' | 'torch-seed-42';

export const TORCH_SEED_42 = { rareObservationFeatures: [42, 17, 30, 34, 20], rareTimeStart: 42 } as const;

export interface RareOptions {
  seed: number;
  size: BenchmarkSize;
  salientSet?: RareSalientSet;
}

/** ContraLSP's Rare sets (contralsp-dynamask-extrmask.md §5.1): N = 100, T = 50, D = 50, 5 salient steps. */
export const RARE_SAMPLES: Record<BenchmarkSize, number> = { full: 100, quick: 20 };
const TIMES = 50;
const FEATURES = 50;
const SELECTED = 5;

/** Independent streams: the series, then the salient set drawn after them. */
const STREAM = { values: 0, salient: 1 } as const;

/** One Rare-Time / Rare-Observation dataset (ContraLSP version: one salient set shared by the samples). */
export function generateRare(variant: RareVariant, options: RareOptions): BenchmarkDataset {
  if (options.salientSet === 'torch-seed-42' && variant.endsWith('-diffgroups')) {
    throw new AppError(
      'invalid-request',
      `Benchmark option 'salientSet': 'torch-seed-42' exists for rare-time and rare-observation only, not ${variant}`,
    );
  }
  const samples = RARE_SAMPLES[options.size];
  const x = armaSeries(new SeededRandom(options.seed, STREAM.values), samples, TIMES, FEATURES);
  const salient = salientBlocks(variant, samples, new SeededRandom(options.seed, STREAM.salient), options.salientSet);
  const shape = [samples, TIMES, FEATURES] as const;
  return {
    name: variant,
    task: 'white-box-regression',
    seed: options.seed,
    size: options.size,
    shape,
    x,
    truth: salientMask(shape, salient),
    salient,
  };
}

function salientBlocks(
  variant: RareVariant,
  samples: number,
  random: SeededRandom,
  salientSet: RareSalientSet = 'drawn',
): SalientBlock[] {
  const all = [0, samples] as const;
  const [firstHalf, secondHalf] = [[0, samples / 2] as const, [samples / 2, samples] as const];
  // Window starts are U{0 … T − 6}, as numpy's randint(0, T − N_select) draws them.
  const start = (): number => randomInteger(random, 0, TIMES - SELECTED);
  const window = (from: number): readonly [number, number] => [from, from + SELECTED];
  const features = (): number[] => permutation(random, FEATURES).slice(0, SELECTED);
  const middleTimes = [Math.floor(TIMES / 4), Math.floor((3 * TIMES) / 4)] as const;
  const middleFeatures = range(Math.floor(FEATURES / 4), Math.floor((3 * FEATURES) / 4));
  const torch = salientSet === 'torch-seed-42';
  switch (variant) {
    case 'rare-time':
      return [
        {
          rows: all,
          times: window(torch ? TORCH_SEED_42.rareTimeStart : start()),
          features: middleFeatures,
          combine: 'sum-of-squares',
        },
      ];
    case 'rare-observation':
      return [
        {
          rows: all,
          times: middleTimes,
          features: torch ? [...TORCH_SEED_42.rareObservationFeatures] : features(),
          combine: 'sum-of-squares',
        },
      ];
    case 'rare-time-diffgroups': {
      const [first, second] = [start(), start()];
      return [
        { rows: firstHalf, times: window(first), features: range(0, FEATURES / 2), combine: 'square-of-sum' },
        { rows: secondHalf, times: window(second), features: middleFeatures, combine: 'sum-of-squares' },
      ];
    }
    case 'rare-observation-diffgroups': {
      const [first, second] = [features(), features()];
      return [
        { rows: firstHalf, times: [0, TIMES / 2], features: first, combine: 'square-of-sum' },
        { rows: secondHalf, times: middleTimes, features: second, combine: 'sum-of-squares' },
      ];
    }
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
