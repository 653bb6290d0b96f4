import { AppError } from '../../errors';
import { generateEcgBeats } from '../ecg-beats/ecg-beats';
import { generateRare, type RareSalientSet } from '../rare/rare';
import { generateState } from '../state-hmm/state-hmm';
import { generateSwitchFeature } from '../switch-feature/switch-feature';
import { generateFreqShapes } from '../timex-synth/freqshapes';
import { generateLowVar } from '../timex-synth/lowvar';
import { generateSeqComb } from '../timex-synth/seqcomb';
import { BENCHMARK_NAMES, type BenchmarkDataset, type BenchmarkName, type BenchmarkSize } from './benchmark-dataset';

export interface GenerateBenchmarkOptions {
  /** Any integer 0…2^32 − 1; the same seed and size give the same dataset on every machine. */
  seed: number;
  /** Default 'full'. */
  size?: BenchmarkSize;
  /** Rare-Time and Rare-Observation only: 'torch-seed-42' takes the spec's torch-drawn salient set. */
  salientSet?: RareSalientSet;
}

type Generator = (options: { seed: number; size: BenchmarkSize; salientSet?: RareSalientSet }) => BenchmarkDataset;

const GENERATORS: Record<BenchmarkName, Generator> = {
  'rare-time': (o) => generateRare('rare-time', o),
  'rare-time-diffgroups': (o) => generateRare('rare-time-diffgroups', o),
  'rare-observation': (o) => generateRare('rare-observation', o),
  'rare-observation-diffgroups': (o) => generateRare('rare-observation-diffgroups', o),
  state: generateState,
  'switch-feature': generateSwitchFeature,
  freqshapes: generateFreqShapes,
  'seqcomb-uv': (o) => generateSeqComb('uv', o),
  'seqcomb-mv': (o) => generateSeqComb('mv', o),
  lowvar: generateLowVar,
  'ecg-synth': generateEcgBeats,
};

/** A benchmark dataset with its ground-truth saliency, generated from a seed. */
export function generateBenchmark(name: BenchmarkName, options: GenerateBenchmarkOptions): BenchmarkDataset {
  const { seed, size = 'full', salientSet } = options;
  if (!oneOf(name, BENCHMARK_NAMES)) {
    throw invalid('name', `one of ${BENCHMARK_NAMES.join(', ')}`, name);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw invalid('seed', 'an integer from 0 to 4294967295', seed);
  }
  // Callers outside TypeScript (the CLI, tests of bad input) can pass anything.
  if (!oneOf(size, SIZES)) throw invalid('size', "'full' or 'quick'", size);
  if (salientSet !== undefined && !oneOf(salientSet, SALIENT_SETS)) {
    throw invalid('salientSet', "'drawn' or 'torch-seed-42'", salientSet);
  }
  if (salientSet !== undefined && !name.startsWith('rare-')) {
    throw invalid('salientSet', `no salient-set choice for ${name} (only the Rare sets take one)`, salientSet);
  }
  return GENERATORS[name]({ seed, size, ...(salientSet === undefined ? {} : { salientSet }) });
}

const SIZES: readonly BenchmarkSize[] = ['full', 'quick'];
const SALIENT_SETS: readonly RareSalientSet[] = ['drawn', 'torch-seed-42'];

function oneOf(value: string, allowed: readonly string[]): boolean {
  return allowed.includes(value);
}

function invalid(option: string, expected: string, got: unknown): AppError {
  return new AppError(
    'invalid-request',
    `Benchmark option '${option}': expected ${expected}, got ${JSON.stringify(got)}`,
  );
}
