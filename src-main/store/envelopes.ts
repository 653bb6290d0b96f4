import type Database from 'better-sqlite3';

/**
 * A min/max pyramid per channel, built while a record streams in, so that any zoom level of a
 * long record draws from at most a few thousand bins. Level k has bins of BASE_BIN × FACTOR^k
 * samples; min and max are float32 pairs, NaN where a bin holds no valid sample.
 */
export const ENVELOPE_BASE_BIN = 32;
export const ENVELOPE_FACTOR = 4;
/** Levels stop growing once a level fits in this many bins. */
const SMALLEST_LEVEL_BINS = 512;

export interface EnvelopeLevel {
  binSize: number;
  min: Float32Array;
  max: Float32Array;
}

export class EnvelopeBuilder {
  private readonly min: number[] = [];
  private readonly max: number[] = [];
  private binMin = Number.POSITIVE_INFINITY;
  private binMax = Number.NEGATIVE_INFINITY;
  private inBin = 0;

  push(samples: Float64Array): void {
    for (const value of samples) {
      if (value < this.binMin) this.binMin = value;
      if (value > this.binMax) this.binMax = value;
      if (++this.inBin === ENVELOPE_BASE_BIN) this.closeBin();
    }
  }

  finish(): EnvelopeLevel[] {
    if (this.inBin > 0) this.closeBin();
    const levels: EnvelopeLevel[] = [
      { binSize: ENVELOPE_BASE_BIN, min: Float32Array.from(this.min), max: Float32Array.from(this.max) },
    ];
    for (let last = levels[0]; last !== undefined && last.min.length > SMALLEST_LEVEL_BINS;) {
      last = coarsen(last);
      levels.push(last);
    }
    return levels;
  }

  private closeBin(): void {
    // A bin of only NaNs never updates min/max (NaN comparisons are false): it stays empty.
    const empty = this.binMin === Number.POSITIVE_INFINITY;
    this.min.push(empty ? Number.NaN : this.binMin);
    this.max.push(empty ? Number.NaN : this.binMax);
    this.binMin = Number.POSITIVE_INFINITY;
    this.binMax = Number.NEGATIVE_INFINITY;
    this.inBin = 0;
  }
}

function coarsen(level: EnvelopeLevel): EnvelopeLevel {
  const bins = Math.ceil(level.min.length / ENVELOPE_FACTOR);
  const min = new Float32Array(bins).fill(Number.NaN);
  const max = new Float32Array(bins).fill(Number.NaN);
  for (let i = 0; i < level.min.length; i++) {
    const target = Math.floor(i / ENVELOPE_FACTOR);
    foldInto(min, max, target, level.min[i] as number, level.max[i] as number);
  }
  return { binSize: level.binSize * ENVELOPE_FACTOR, min, max };
}

function foldInto(min: Float32Array, max: Float32Array, at: number, lo: number, hi: number): void {
  if (Number.isNaN(lo)) return;
  const currentMin = min[at] as number;
  const currentMax = max[at] as number;
  min[at] = Number.isNaN(currentMin) || lo < currentMin ? lo : currentMin;
  max[at] = Number.isNaN(currentMax) || hi > currentMax ? hi : currentMax;
}

export function writeEnvelopes(db: Database.Database, channelId: number, levels: readonly EnvelopeLevel[]): void {
  const insert = db.prepare('INSERT INTO envelopes (channel_id, level, bin_size, data) VALUES (?, ?, ?, ?)');
  levels.forEach((level, index) => {
    const pairs = new Float32Array(level.min.length * 2);
    for (let i = 0; i < level.min.length; i++) {
      pairs[2 * i] = level.min[i] as number;
      pairs[2 * i + 1] = level.max[i] as number;
    }
    insert.run(channelId, index, level.binSize, Buffer.from(pairs.buffer));
  });
}

export interface EnvelopeWindow {
  /** Samples per returned bin (the last bin may cover fewer). */
  samplesPerBin: number;
  min: Float32Array;
  max: Float32Array;
}

/**
 * Min/max of samples `[start, start + count)` in `bins` to `2 × bins` bins, from the coarsest level
 * that is still fine enough (fewer bins when the request is finer than the base level: draw the
 * samples themselves there).
 */
export function readEnvelope(
  db: Database.Database,
  channelId: number,
  start: number,
  count: number,
  bins: number,
): EnvelopeWindow {
  const wanted = Math.max(1, count / Math.max(1, bins));
  // Pick the level first, then read only its blob: sorting rows that carry every level's data
  // would read the whole pyramid.
  const level = db
    .prepare('SELECT max(level) FROM envelopes WHERE channel_id = ? AND bin_size <= ?')
    .pluck()
    .get(channelId, Math.max(wanted, ENVELOPE_BASE_BIN)) as number | null;
  const row =
    level === null
      ? undefined
      : (db.prepare('SELECT bin_size, data FROM envelopes WHERE channel_id = ? AND level = ?').get(channelId, level) as
          { bin_size: number; data: Buffer } | undefined);
  if (row === undefined) return { samplesPerBin: wanted, min: new Float32Array(0), max: new Float32Array(0) };
  const pairs = new Float32Array(new Uint8Array(row.data).buffer);
  const perOut = Math.max(1, Math.floor(wanted / row.bin_size));
  const first = Math.floor(start / row.bin_size);
  const last = Math.min(pairs.length / 2, Math.ceil((start + count) / row.bin_size));
  const outBins = Math.max(0, Math.ceil((last - first) / perOut));
  const min = new Float32Array(outBins).fill(Number.NaN);
  const max = new Float32Array(outBins).fill(Number.NaN);
  for (let i = first; i < last; i++) {
    foldInto(min, max, Math.floor((i - first) / perOut), pairs[2 * i] as number, pairs[2 * i + 1] as number);
  }
  return { samplesPerBin: perOut * row.bin_size, min, max };
}
