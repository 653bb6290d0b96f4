import type Database from 'better-sqlite3';
import { tensor, type Tensor } from '../engine';
import type { StoredExplanation } from '../store';
import { GROUND_TRUTH_LABEL } from './method-names';

/**
 * The ground truth of an explained window as a [1, T, F] mask: 1 on every lead (feature) at the
 * rows an imported ground-truth segment of the record covers. Null when none reaches the window:
 * a real recording has none, and a window of normal beats has nothing to find.
 */
export function groundTruthMask(db: Database.Database, window: StoredExplanation): Tensor | null {
  const { recordId, startSample, sampleCount, windowLength, channelIds } = window;
  const end = startSample + sampleCount;
  const segments = db
    .prepare<[number, string, number, number], { sample: number; endSample: number }>(
      `SELECT sample, end_sample AS endSample FROM annotations
       WHERE record_id = ? AND symbol = ? AND source = 'imported' AND deleted_at IS NULL
         AND end_sample IS NOT NULL AND sample < ? AND end_sample > ?`,
    )
    .all(recordId, GROUND_TRUTH_LABEL, end, startSample);
  if (segments.length === 0) return null;
  const features = channelIds.length;
  const mask = new Float32Array(windowLength * features);
  // Row t of the map covers record sample startSample + t·(sampleCount / windowLength).
  const perRow = sampleCount / windowLength;
  for (let t = 0; t < windowLength; t++) {
    const sample = startSample + Math.floor(t * perRow);
    if (segments.some((s) => sample >= s.sample && sample < s.endSample))
      mask.fill(1, t * features, (t + 1) * features);
  }
  return tensor('float32', [1, windowLength, features], mask);
}

/** The share of a mask's entries that are marked. */
export function markedShare(mask: Tensor): number {
  let marked = 0;
  for (const value of mask.data as Float32Array) if (value !== 0) marked++;
  return marked / Math.max(1, mask.data.length);
}
