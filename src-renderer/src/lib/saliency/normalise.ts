import type { SaliencyTrack } from './saliency-track';

/** Attributions beyond this percentile of their magnitude saturate the palette (Captum clips the top 2 %). */
export const CLIP_PERCENTILE = 98;

/** A track's values brought to the palette's range, and how, in words for the legend. */
export interface NormalisedSaliency {
  /** Signed: [−1, 1]; non-negative and masks: [0, 1]. NaN where the track has no value. */
  values: Float32Array;
  /** What 1 stands for, in the method's own units. */
  unit: number;
  diverging: boolean;
  legend: string;
}

/**
 * Per-method normalisation: magnitudes differ by orders between methods, so each track is scaled
 * by its own 98th percentile of |value| (clipped beyond); masks already lie in [0, 1] and are kept.
 */
export function normaliseTrack(track: SaliencyTrack, windows: number): NormalisedSaliency {
  const over = windows === 1 ? 'this window' : `these ${windows} windows`;
  if (track.scale === 'unit-mask') {
    return {
      values: track.values.map((v) => Math.min(1, Math.max(0, v))),
      unit: 1,
      diverging: false,
      legend: 'mask in [0, 1], shown as it is',
    };
  }
  const unit = percentileOfMagnitude(track.values, CLIP_PERCENTILE);
  const low = track.scale === 'signed' ? -1 : 0;
  // A map of zeros (unit 0) stays zero; NaN (no window) stays NaN through min/max.
  const values = track.values.map((v) => (unit > 0 ? Math.min(1, Math.max(low, v / unit)) : Number.isNaN(v) ? v : 0));
  return {
    values,
    unit,
    diverging: track.scale === 'signed',
    legend:
      track.scale === 'signed'
        ? `signed; ±1 = ${CLIP_PERCENTILE}th percentile of |attribution| over ${over} (${formatUnit(unit)}), clipped beyond`
        : `non-negative; 1 = ${CLIP_PERCENTILE}th percentile over ${over} (${formatUnit(unit)}), clipped beyond`,
  };
}

/** The `percent`th percentile (nearest rank) of |v| over the finite values; 0 when there are none. */
export function percentileOfMagnitude(values: Float32Array, percent: number): number {
  const magnitudes = Float32Array.from(values.filter(Number.isFinite), Math.abs).sort();
  if (magnitudes.length === 0) return 0;
  const rank = Math.ceil((percent / 100) * magnitudes.length);
  return magnitudes[Math.min(magnitudes.length, Math.max(1, rank)) - 1] ?? 0;
}

function formatUnit(value: number): string {
  return value === 0 ? '0' : value.toPrecision(2);
}
