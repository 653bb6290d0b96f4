import shippedCard from '../../../models/ecg-beat-cnn.json' with { type: 'json' };
import { AppError } from '../../errors';
import { parseModelCard, type ModelCard } from '../../models/model-card';
import { preprocessWindows } from '../../models/preprocess';
import type { BenchmarkDataset, BenchmarkSize, DatasetSplit } from '../benchmarks/benchmark-dataset';
import { beatClassOfAami, beatWindows, generateEcg, LEAD_NAMES, type BeatClass, type BeatWindows } from '../ecg-synth';
import type { LeadName } from '../ecg-synth';
import { SeededRandom } from '../ecg-synth/random';

/**
 * The black box the benchmark explains: the shipped beat CNN. Its card fixes the windows (leads,
 * length, rate), their preprocessing and the class order, so the dataset is exactly its input.
 */
export const ECG_BEAT_MODEL_CARD: ModelCard = parseModelCard(shippedCard, 'models/ecg-beat-cnn.json');

/**
 * Our ECG benchmark ('ecg-synth'; TimeX++'s MIT-BIH ground truth is not public, timexpp.md §6):
 * 1-second windows of both leads (MLII, V5) at 360 Hz centred on every beat of seeded synthetic
 * records, preprocessed as the beat CNN's card says and labelled with its classes (N, S = APC,
 * V = PVC). The truth is where the beat's abnormal morphology lives: a PVC's wide QRS and the
 * place of its missing P, an APC's premature P. Every wave is drawn in both leads (V5 with a
 * smaller P and a taller QRS), so the truth covers both leads over those samples.
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
  const card = ECG_BEAT_MODEL_CARD;
  const { leads, classes } = cardLayout(card);
  const { recordSec, records } = ECG_BEATS_SIZES[options.size];
  const plan = new SeededRandom(options.seed);
  const splitWindows = [records.train, records.validation, records.test].map((count) =>
    Array.from({ length: count }, () =>
      beatWindows(
        generateEcg({
          durationSec: recordSec,
          seed: plan.nextUint32(),
          samplingRateHz: card.input.samplingRateHz,
          leads,
          heartRateBpm: plan.between(...ECG_BEATS.heartRateBpm),
          noiseMv: plan.between(...ECG_BEATS.noiseMv),
          pvcFraction: ECG_BEATS.pvcFraction,
          apcFraction: ECG_BEATS.apcFraction,
        }),
        { windowSec: card.input.windowLength / card.input.samplingRateHz, classes },
      ),
    ),
  );
  const all = splitWindows.flat();
  const rows = (parts: readonly BeatWindows[]): number => parts.reduce((n, w) => n + w.shape[0], 0);
  const samples = rows(all);
  const x = concat(
    all.map((w) => w.values),
    Float32Array,
  );
  preprocessWindows(card, x, samples);
  return {
    name: 'ecg-synth',
    task: 'classification',
    seed: options.seed,
    size: options.size,
    shape: [samples, card.input.windowLength, leads.length],
    x,
    truth: concat(
      all.map((w) => w.masks),
      Uint8Array,
    ),
    labels: Int32Array.from(all.flatMap((w) => Array.from(w.labels))),
    classNames: card.classNames,
    split: {
      train: rows(splitWindows[0] ?? []),
      validation: rows(splitWindows[1] ?? []),
      test: rows(splitWindows[2] ?? []),
    },
    // TimeX++ feeds ECG windows with time stamps 0…359 (timexpp.md §0).
    times: Float32Array.from({ length: card.input.windowLength }, (_, t) => t),
  };
}

/** The generator's leads and beat classes in the card's order; a card the generator cannot feed is refused. */
function cardLayout(card: ModelCard): { leads: LeadName[]; classes: BeatClass[] } {
  const leads = card.input.channels.map(({ name }) => LEAD_NAMES.find((lead) => lead === name));
  const classes = card.classNames.map(beatClassOfAami);
  if (leads.includes(undefined) || classes.includes(undefined)) {
    throw new AppError(
      'bad-input',
      `model card models/ecg-beat-cnn.json: expected leads from ${LEAD_NAMES.join(', ')} and AAMI classes N, S, V, got leads ${card.input.channels.map((c) => c.name).join(', ')} and classes ${card.classNames.join(', ')}`,
    );
  }
  return { leads: leads.filter((l) => l !== undefined), classes: classes.filter((c) => c !== undefined) };
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
