import type { BenchmarkDataset, BenchmarkSize, DatasetSplit } from '../benchmarks/benchmark-dataset';
import { BEAT_CLASSES, beatWindows, generateEcg, type BeatWindows } from '../ecg-synth';
import { SeededRandom } from '../ecg-synth/random';

/**
 * Our ECG benchmark ('ecg-synth'; TimeX++'s MIT-BIH ground truth is not public, timexpp.md §6):
 * 1-second single-lead (MLII) windows at 360 Hz centred on every beat of seeded synthetic
 * records, labelled normal / PVC / APC from the beat annotations; the truth is where the beat's
 * abnormal morphology lives (a PVC's wide QRS and missing P, an APC's premature P).
 */
export const ECG_BEATS = {
  /** Expected share of the beats; the rest are normal. */
  pvcFraction: 0.2,
  apcFraction: 0.2,
  /** Each record's sinus rate and noise are drawn from these ranges, so the set spans several rhythms. */
  heartRateBpm: [60, 85],
  noiseMv: [0.02, 0.04],
} as const;

/** Records per split, and their length; the splits never share a record. */
export const ECG_BEATS_SIZES: Record<BenchmarkSize, { recordSec: number; records: DatasetSplit }> = {
  full: { recordSec: 600, records: { train: 8, validation: 1, test: 2 } },
  quick: { recordSec: 30, records: { train: 1, validation: 1, test: 1 } },
};

export function generateEcgBeats(options: { seed: number; size: BenchmarkSize }): BenchmarkDataset {
  const { recordSec, records } = ECG_BEATS_SIZES[options.size];
  const plan = new SeededRandom(options.seed);
  const splitWindows = [records.train, records.validation, records.test].map((count) =>
    Array.from({ length: count }, () =>
      beatWindows(
        generateEcg({
          durationSec: recordSec,
          seed: plan.nextUint32(),
          leads: ['MLII'],
          heartRateBpm: plan.between(...ECG_BEATS.heartRateBpm),
          noiseMv: plan.between(...ECG_BEATS.noiseMv),
          pvcFraction: ECG_BEATS.pvcFraction,
          apcFraction: ECG_BEATS.apcFraction,
        }),
        { windowSec: 1 },
      ),
    ),
  );
  const all = splitWindows.flat();
  const [, times, leads] = all[0]?.shape ?? [0, 360, 1];
  const rows = (parts: readonly BeatWindows[]): number => parts.reduce((n, w) => n + w.shape[0], 0);
  return {
    name: 'ecg-synth',
    task: 'classification',
    seed: options.seed,
    size: options.size,
    shape: [rows(all), times, leads],
    x: concat(
      all.map((w) => w.values),
      Float32Array,
    ),
    truth: concat(
      all.map((w) => w.masks),
      Uint8Array,
    ),
    labels: Int32Array.from(all.flatMap((w) => Array.from(w.labels))),
    classNames: BEAT_CLASSES,
    split: {
      train: rows(splitWindows[0] ?? []),
      validation: rows(splitWindows[1] ?? []),
      test: rows(splitWindows[2] ?? []),
    },
    // TimeX++ feeds ECG windows with time stamps 0…359 (timexpp.md §0).
    times: Float32Array.from({ length: times }, (_, t) => t),
  };
}

function concat<A extends Float32Array | Uint8Array>(parts: readonly A[], Kind: new (length: number) => A): A {
  const out = new Kind(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
