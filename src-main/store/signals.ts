import type Database from 'better-sqlite3';
import { decodeChunk, encodeChunk, type ChunkEncoding } from './sample-codec';

/** Samples per stored chunk: a 10-second window touches at most two chunks at any ECG rate. */
export const CHUNK_SAMPLES = 1 << 16;

/** Writes one channel's samples as they stream in, one chunk at a time. */
export class ChannelWriter {
  private readonly insert: Database.Statement;
  private readonly pending = new Float64Array(CHUNK_SAMPLES);
  private filled = 0;
  private chunkIndex = 0;

  constructor(
    db: Database.Database,
    private readonly channelId: number,
  ) {
    this.insert = db.prepare(
      'INSERT INTO signal_chunks (channel_id, chunk_index, sample_count, encoding, data) VALUES (?, ?, ?, ?, ?)',
    );
  }

  append(samples: Float64Array): void {
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(CHUNK_SAMPLES - this.filled, samples.length - offset);
      this.pending.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === CHUNK_SAMPLES) this.flush();
    }
  }

  finish(): void {
    if (this.filled > 0) this.flush();
  }

  private flush(): void {
    const { encoding, data } = encodeChunk(this.pending.subarray(0, this.filled));
    this.insert.run(this.channelId, this.chunkIndex, this.filled, encoding, data);
    this.chunkIndex += 1;
    this.filled = 0;
  }
}

interface ChunkRow {
  chunk_index: number;
  sample_count: number;
  encoding: ChunkEncoding;
  data: Buffer;
}

/** Digital samples `[start, start + count)` of one channel (NaN where missing or past the end). */
export function readChannelSamples(
  db: Database.Database,
  channelId: number,
  start: number,
  count: number,
): Float64Array {
  const out = new Float64Array(count).fill(Number.NaN);
  if (count <= 0) return out;
  const rows = db
    .prepare(
      `SELECT chunk_index, sample_count, encoding, data FROM signal_chunks
       WHERE channel_id = ? AND chunk_index BETWEEN ? AND ? ORDER BY chunk_index`,
    )
    .all(channelId, Math.floor(start / CHUNK_SAMPLES), Math.floor((start + count - 1) / CHUNK_SAMPLES)) as ChunkRow[];
  for (const row of rows) {
    const chunkStart = row.chunk_index * CHUNK_SAMPLES;
    const from = Math.max(start, chunkStart);
    const to = Math.min(start + count, chunkStart + row.sample_count);
    if (to > from) decodeChunk(row.encoding, row.data, from - chunkStart, to - from, out, from - start);
  }
  return out;
}
