import type { BeatClass } from './beat-classes';
import { findWave, qrsExtent, waveExtent, type BeatMorphology, type TimeRange } from './morphology';

/** What makes a beat abnormal, for the saliency benchmark's ground truth. */
export type AbnormalFeature = 'wide-qrs' | 'absent-p' | 'ectopic-p';

/** An abnormal feature's time range relative to the beat's R peak. */
export interface AbnormalSpan extends TimeRange {
  feature: AbnormalFeature;
}

/** Samples [start, end) of one abnormal feature. */
export interface AbnormalRegion {
  feature: AbnormalFeature;
  start: number;
  end: number;
}

/**
 * A PVC's abnormal morphology is its wide QRS and the place where the sinus P should precede it
 * (taken from the normal beat at the record's mean rate); an APC's is its premature ectopic P.
 * Normal beats have none.
 */
export function abnormalSpans(
  beatClass: BeatClass,
  morphology: BeatMorphology,
  normalMorphology: BeatMorphology,
): AbnormalSpan[] {
  switch (beatClass) {
    case 'pvc':
      return [
        { feature: 'wide-qrs', ...qrsExtent(morphology) },
        { feature: 'absent-p', ...pExtent(normalMorphology) },
      ];
    case 'apc':
      return [{ feature: 'ectopic-p', ...pExtent(morphology) }];
    case 'normal':
      return [];
  }
}

function pExtent(morphology: BeatMorphology): TimeRange {
  const p = findWave(morphology, 'P');
  if (p === undefined) throw new Error('ECG synthesis: this beat morphology has no P wave');
  return waveExtent(p);
}

/** The spans of a beat whose R peak is at `rPeak`, in samples and clipped to the record. */
export function spansToRegions(
  spans: readonly AbnormalSpan[],
  rPeak: number,
  samplingRateHz: number,
  sampleCount: number,
): AbnormalRegion[] {
  return spans.flatMap(({ feature, startSec, endSec }) => {
    const start = Math.max(0, Math.ceil(rPeak + startSec * samplingRateHz));
    const end = Math.min(sampleCount, Math.floor(rPeak + endSec * samplingRateHz) + 1);
    return start < end ? [{ feature, start, end }] : [];
  });
}

/** The whole record's ground truth: 1 on every sample inside some beat's abnormal region. */
export function groundTruthMask(ecg: {
  beats: readonly { abnormalRegions: readonly AbnormalRegion[] }[];
  sampleCount: number;
}): Uint8Array {
  const mask = new Uint8Array(ecg.sampleCount);
  for (const beat of ecg.beats) {
    for (const region of beat.abnormalRegions) mask.fill(1, region.start, region.end);
  }
  return mask;
}
