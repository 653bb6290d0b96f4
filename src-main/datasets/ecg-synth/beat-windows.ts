import { AppError } from '../../errors';
import { BEAT_CLASSES, type BeatClass } from './beat-classes';
import type { SyntheticEcg } from './generate';
import type { LeadName } from './leads';

export interface BeatWindowOptions {
  /** Window length; default 1 s (360 samples at 360 Hz, as the TimeX/TimeX++ ECG benchmark). */
  windowSec?: number;
  /** Classes to keep, in label order; default all of BEAT_CLASSES. */
  classes?: readonly BeatClass[];
}

/** Windows in the model layout [B, T, D]: batch, time, leads. */
export interface BeatWindows {
  shape: readonly [batch: number, time: number, leads: number];
  leads: readonly LeadName[];
  classes: readonly BeatClass[];
  /** [B, T, D] signal in mV. */
  values: Float32Array;
  /** [B, T, D] ground truth: 1 where the centred beat's abnormal morphology lives. */
  masks: Uint8Array;
  /** [B] the beat's index in `classes`. */
  labels: Uint8Array;
  /** [B] the beat's index in `ecg.beats`. */
  beatIndices: Int32Array;
}

/**
 * One window per beat of the chosen classes, centred on its R peak (the peak at index ⌊T/2⌋).
 * Beats too close to either end of the record for a whole window are left out.
 */
export function beatWindows(ecg: SyntheticEcg, options: BeatWindowOptions = {}): BeatWindows {
  const classes = options.classes ?? BEAT_CLASSES;
  const length = windowLength(ecg, options.windowSec ?? 1);
  requireClasses(classes);
  const half = Math.floor(length / 2);
  const kept = ecg.beats.flatMap((beat, index) => {
    const label = classes.indexOf(beat.beatClass);
    const start = beat.rPeak - half;
    return label >= 0 && start >= 0 && start + length <= ecg.sampleCount ? [{ beat, index, label, start }] : [];
  });

  const leadCount = ecg.leads.length;
  const frame = length * leadCount;
  const values = new Float32Array(kept.length * frame);
  const masks = new Uint8Array(kept.length * frame);
  kept.forEach(({ beat, start }, b) => {
    ecg.leads.forEach(({ signal }, d) => {
      for (let t = 0; t < length; t++) values[b * frame + t * leadCount + d] = signal[start + t] ?? 0;
    });
    for (const region of beat.abnormalRegions) {
      const from = Math.max(region.start, start) - start;
      const to = Math.min(region.end, start + length) - start;
      masks.fill(1, b * frame + from * leadCount, b * frame + Math.max(from, to) * leadCount);
    }
  });
  return {
    shape: [kept.length, length, leadCount],
    leads: ecg.leads.map((lead) => lead.name),
    classes,
    values,
    masks,
    labels: Uint8Array.from(kept, (k) => k.label),
    beatIndices: Int32Array.from(kept, (k) => k.index),
  };
}

function windowLength(ecg: SyntheticEcg, windowSec: number): number {
  const length = Math.round(windowSec * ecg.samplingRateHz);
  if (!Number.isFinite(windowSec) || length < 1 || length > ecg.sampleCount) {
    throw new AppError(
      'invalid-request',
      `Beat windows option 'windowSec': expected a length from one sample to the whole record (${ecg.sampleCount / ecg.samplingRateHz} s), got ${windowSec}`,
    );
  }
  return length;
}

function requireClasses(classes: readonly BeatClass[]): void {
  const known: readonly string[] = BEAT_CLASSES;
  if (classes.length === 0 || new Set(classes).size !== classes.length || !classes.every((c) => known.includes(c))) {
    throw new AppError(
      'invalid-request',
      `Beat windows option 'classes': expected a non-empty list of distinct classes from ${BEAT_CLASSES.join(', ')}, got ${JSON.stringify(classes)}`,
    );
  }
}
