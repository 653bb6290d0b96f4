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
 * The contract's limits on one read: MAX_WINDOW_SAMPLES samples and 20,000 bins. Written out
 * here because importing a value from the contract would bundle zod into the page, whose
 * code-generation probe the CSP refuses; a test checks they agree.
 */
export const MAX_SAMPLES_PER_READ = 1 << 22;
const MAX_BINS_PER_READ = 20_000;

/**
 * The bins the store answers with when asked for `samplesPerColumn` samples per bin: it takes
 * the coarsest pyramid level whose bins hold no more than that (or a finer one, for a short
 * record) and merges whole bins of it, aligned to that level. Asking for exactly
 * `samplesPerBin` per bin, from a multiple of `levelBin`, gets exactly those bins, so a long
 * read can be split into several and joined again.
 */
export function envelopeBins(samplesPerColumn: number): { levelBin: number; samplesPerBin: number } {
  let levelBin = FINEST_ENVELOPE_BIN;
  while (levelBin * PYRAMID_FACTOR <= samplesPerColumn) levelBin *= PYRAMID_FACTOR;
  return { levelBin, samplesPerBin: levelBin * Math.max(1, Math.floor(samplesPerColumn / levelBin)) };
}

export interface WindowRead {
  start: number;
  count: number;
}

export type BlockRequest =
  | ({ detail: 'samples' } & WindowRead)
  | { detail: 'envelope'; start: number; samplesPerBin: number; reads: (WindowRead & { bins: number })[] };

/**
 * The reads that cover `span` at the detail `samplesPerColumn` calls for: raw samples in one
 * read, or envelope bins in reads each within the API's limits (a 24-hour record's whole-day
 * envelope takes several).
 */
export function spanRequest(span: SampleSpan, samplesPerColumn: number): BlockRequest {
  if (detailFor(samplesPerColumn) === 'samples') {
    return { detail: 'samples', start: span.start, count: Math.max(1, span.end - span.start) };
  }
  const { levelBin, samplesPerBin } = envelopeBins(samplesPerColumn);
  const start = span.start - (span.start % levelBin);
  const totalBins = Math.max(1, Math.ceil((span.end - start) / samplesPerBin));
  const binsPerRead = Math.max(1, Math.min(MAX_BINS_PER_READ, Math.floor(MAX_SAMPLES_PER_READ / samplesPerBin)));
  const reads: (WindowRead & { bins: number })[] = [];
  for (let first = 0; first < totalBins; first += binsPerRead) {
    const bins = Math.min(binsPerRead, totalBins - first);
    reads.push({ start: start + first * samplesPerBin, count: bins * samplesPerBin, bins });
  }
  return { detail: 'envelope', start, samplesPerBin, reads };
}

/** The request that serves a view and the pans around it: the view plus one view-width each side. */
export function blockRequest(view: SampleSpan, samplesPerColumn: number, total: number): BlockRequest {
  return spanRequest(widen(view, 1, total), samplesPerColumn);
}
