import type { SaliencyTrack } from './saliency-track';

/** A heat strip's height and the space between stacked strips: thin, so several fit under a lead. */
export const STRIP_HEIGHT_PX = 9;
export const STRIP_GAP_PX = 2;

/** A band of a lane, in CSS pixels of the lanes' canvas. */
export interface Band {
  top: number;
  height: number;
}

/**
 * Where `count` strips sit in a lane: stacked at its bottom edge, the first strip highest, so that
 * they share the lane's time axis and leave the trace above them. A lane too short for them all
 * gets thinner strips rather than losing some.
 */
export function stripBands(lane: Band, count: number): Band[] {
  if (count === 0) return [];
  const room = Math.min(count * (STRIP_HEIGHT_PX + STRIP_GAP_PX), lane.height / 3);
  const height = room / count - STRIP_GAP_PX;
  if (height < 1) return [];
  const bottom = lane.top + lane.height - STRIP_GAP_PX;
  return Array.from({ length: count }, (_, i) => ({
    top: bottom - (count - i) * (height + STRIP_GAP_PX) + STRIP_GAP_PX,
    height,
  }));
}

/** The lanes' time axis: the second at their left edge and pixels per second. */
export interface TimeAxis {
  startSec: number;
  pxPerSec: number;
}

/**
 * One value per pixel column of a lane, `columns` wide: of the track's samples of `feature`
 * under the column, the one farthest from zero (its sign kept), so that a narrow peak survives
 * any zoom; NaN where the track has no sample.
 */
export function stripColumns(
  values: Float32Array,
  track: SaliencyTrack,
  feature: number,
  axis: TimeAxis,
  columns: number,
): Float32Array {
  const out = new Float32Array(columns).fill(Number.NaN);
  const features = track.channels.length;
  const rowsPerPx = track.rateHz / axis.pxPerSec;
  const firstRow = axis.startSec * track.rateHz - track.startSample;
  const from = Math.max(0, Math.floor(-firstRow / rowsPerPx));
  const to = Math.min(columns, Math.ceil((track.length - firstRow) / rowsPerPx));
  for (let c = from; c < to; c++) {
    const start = Math.max(0, Math.floor(firstRow + c * rowsPerPx));
    const end = Math.min(track.length, Math.max(start + 1, Math.floor(firstRow + (c + 1) * rowsPerPx)));
    let best = Number.NaN;
    for (let t = start; t < end; t++) {
      const v = values[t * features + feature] ?? Number.NaN;
      if (!Number.isNaN(v) && (Number.isNaN(best) || Math.abs(v) > Math.abs(best))) best = v;
    }
    out[c] = best;
  }
  return out;
}

/** Rows [start, end) of a track as a horizontal span of the lanes. */
export function rowSpanPx(
  track: SaliencyTrack,
  start: number,
  end: number,
  axis: TimeAxis,
): { x: number; width: number } {
  const x = ((track.startSample + start) / track.rateHz - axis.startSec) * axis.pxPerSec;
  return { x, width: ((end - start) / track.rateHz) * axis.pxPerSec };
}
