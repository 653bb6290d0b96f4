/**
 * Which samples to fetch for a view, and at what detail. Below the store's finest envelope bin
 * the raw samples are as cheap as the envelope and exact; above it the envelope pyramid gives
 * about one min/max pair per pixel column, whatever the record's length.
 */

/** The store's finest envelope bin and the pyramid's factor between levels (src-main/store/envelopes.ts). */
export const FINEST_ENVELOPE_BIN = 32;
const PYRAMID_FACTOR = 4;
/** A block finer than this many bins per column costs drawing time for no visible gain. */
const MAX_BINS_PER_COLUMN = 8;

export type Detail = 'samples' | 'envelope';

/** Samples `[start, end)` of one channel. */
export interface SampleSpan {
  start: number;
  end: number;
}

/** A fetched piece of one channel: min/max per bin (for raw samples, min and max are the same array). */
export interface TraceBlock extends SampleSpan {
  detail: Detail;
  samplesPerBin: number;
  min: Float32Array;
  max: Float32Array;
}

export function detailFor(samplesPerColumn: number): Detail {
  return samplesPerColumn < FINEST_ENVELOPE_BIN ? 'samples' : 'envelope';
}

/** Whether `block` draws `view` completely at the detail that `samplesPerColumn` calls for. */
export function blockServes(block: TraceBlock, view: SampleSpan, samplesPerColumn: number): boolean {
  if (block.start > view.start || block.end < view.end) return false;
  if (detailFor(samplesPerColumn) === 'samples') return block.detail === 'samples';
  return block.samplesPerBin <= samplesPerColumn && samplesPerColumn <= block.samplesPerBin * MAX_BINS_PER_COLUMN;
}

/** The view widened by `fraction` of its length on each side, inside the channel. */
export function widen(view: SampleSpan, fraction: number, total: number): SampleSpan {
  const margin = Math.ceil((view.end - view.start) * fraction);
  return { start: Math.max(0, view.start - margin), end: Math.min(total, view.end + margin) };
}

/**
 * Where an envelope request must start so that its first bin starts exactly there: a multiple
 * of every pyramid level the store may pick for this resolution (it picks the coarsest level
 * whose bins hold no more than `samplesPerColumn` samples, and aligns bins to that level).
 */
export function envelopeAlignment(samplesPerColumn: number): number {
  let alignment = FINEST_ENVELOPE_BIN;
  while (alignment < samplesPerColumn) alignment *= PYRAMID_FACTOR;
  return alignment;
}

/** The request that serves a view and the pans around it: the view plus one view-width each side. */
export function blockRequest(
  view: SampleSpan,
  samplesPerColumn: number,
  total: number,
): { detail: Detail; start: number; count: number; bins: number } {
  const wide = widen(view, 1, total);
  const detail = detailFor(samplesPerColumn);
  const start = detail === 'samples' ? wide.start : wide.start - (wide.start % envelopeAlignment(samplesPerColumn));
  const count = Math.max(1, wide.end - start);
  return { detail, start, count, bins: Math.max(1, Math.ceil(count / samplesPerColumn)) };
}
