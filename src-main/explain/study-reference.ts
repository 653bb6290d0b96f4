import type Database from 'better-sqlite3';
import { SeededRandom } from '../datasets/ecg-synth/random';
import { tensor } from '../engine';
import type { Tensor } from '../engine';
import { AppError } from '../errors';
import { matchChannels } from '../models';
import type { ModelCard } from '../models';
import { findRecord, listRecords } from '../store';
import type { ChannelDetail } from '../store';
import { modelInput } from './model-input';

/**
 * The windows an amortised explainer is fitted on when a study explains with it: drawn from the
 * whole study, not from the record being explained, so that one fit serves every record of the
 * model. Candidates are the side-by-side windows of every record the model accepts (its channels,
 * units and rate match the card and it is at least one window long); at most
 * STUDY_REFERENCE_WINDOWS of them are drawn uniformly without replacement, seeded by the run's
 * seed, and read preprocessed as the card says. The cap keeps the fit's cost bounded on a large
 * study while leaving several of the methods' batches (64 by default) per epoch.
 */
export const STUDY_REFERENCE_WINDOWS = 256;

export interface StudyReference {
  /** The drawn windows [N, T, D], in record-name and time order. */
  readonly x: Tensor;
  readonly records: number;
  /** The side-by-side windows there were to draw from. */
  readonly candidates: number;
}

interface AcceptedRecord {
  readonly name: string;
  readonly channels: ChannelDetail[];
  readonly windows: number;
}

export function studyReferenceWindows(
  db: Database.Database,
  card: ModelCard,
  seed: number,
  cap = STUDY_REFERENCE_WINDOWS,
): StudyReference {
  const time = card.input.windowLength;
  const accepted = listRecords(db).flatMap((summary): AcceptedRecord[] => {
    const record = findRecord(db, String(summary.id));
    let channels: ChannelDetail[];
    try {
      channels = matchChannels(record, card);
    } catch (error) {
      if (error instanceof AppError) return [];
      throw error;
    }
    const windows = Math.floor(Math.min(...channels.map((c) => c.sampleCount)) / time);
    return windows > 0 ? [{ name: record.name, channels, windows }] : [];
  });
  const candidates = accepted.reduce((sum, r) => sum + r.windows, 0);
  if (candidates === 0) {
    throw new AppError(
      'invalid-request',
      `no record of this study has the channels and the length (${time} samples) that model ${card.id} needs, so there are no windows to fit its explainer on`,
    );
  }
  const drawn = drawWithoutReplacement(candidates, Math.min(cap, candidates), seed);
  const frames: Float32Array[] = [];
  let first = 0;
  let records = 0;
  for (const record of accepted) {
    const starts = drawn.filter((i) => i >= first && i < first + record.windows).map((i) => (i - first) * time);
    first += record.windows;
    if (starts.length === 0) continue;
    records++;
    // One read per window: drawn windows of a long record may lie far apart.
    for (const start of starts) frames.push(modelInput(db, card, record.channels, [start]).data as Float32Array);
  }
  const frame = time * card.input.channels.length;
  const x = new Float32Array(frames.length * frame);
  frames.forEach((values, n) => x.set(values, n * frame));
  return { x: tensor('float32', [frames.length, time, card.input.channels.length], x), records, candidates };
}

/** `count` distinct indices of 0…total−1, ascending (Floyd's algorithm: `count` draws, whatever the total). */
function drawWithoutReplacement(total: number, count: number, seed: number): number[] {
  const random = new SeededRandom(seed);
  const chosen = new Set<number>();
  for (let j = total - count; j < total; j++) {
    const pick = Math.floor(random.uniform() * (j + 1));
    chosen.add(chosen.has(pick) ? j : pick);
  }
  return [...chosen].sort((a, b) => a - b);
}
