import { closeSync } from 'node:fs';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { type LineStart, nextContentLine, readLines } from './line-reader';
import type { RowParser } from './row-parser';

/** Rows per block of the row index: a read decodes whole blocks and keeps the recent ones. */
export const BLOCK_ROWS = 4096;
/** Values the decoded-block cache may hold (32 MB), so reading channel after channel re-parses nothing. */
const CACHED_VALUES = 1 << 22;

/** Random access to the rows: decodes whole blocks of rows from their noted start and keeps the recent ones. */
export class RowBlocks {
  private readonly cache = new Map<number, Float64Array>();
  private readonly cacheBlocks: number;
  private open = true;

  private readonly rows: number;
  private readonly channels: number;

  constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly parser: RowParser,
    private readonly starts: readonly LineStart[],
    size: { rows: number; channels: number },
  ) {
    this.rows = size.rows;
    this.channels = size.channels;
    this.cacheBlocks = Math.max(2, Math.floor(CACHED_VALUES / (BLOCK_ROWS * size.channels)));
  }

  read(channel: number, start: number, count: number): Float64Array {
    if (!this.open) throw new AppError('invalid-request', 'The CSV file has been closed.');
    const valid = Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0;
    if (!valid || start + count > this.rows || !(channel >= 0 && channel < this.channels)) {
      throw new AppError('invalid-request', `No samples [${start}, ${start + count}) in channel ${channel}.`);
    }
    const out = new Float64Array(count);
    for (let row = start; row < start + count;) {
      const block = Math.floor(row / BLOCK_ROWS);
      const from = row - block * BLOCK_ROWS;
      const to = Math.min(BLOCK_ROWS, start + count - block * BLOCK_ROWS);
      const values = this.block(block).subarray(channel * BLOCK_ROWS + from, channel * BLOCK_ROWS + to);
      out.set(values, row - start);
      row += to - from;
    }
    return out;
  }

  close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
    this.cache.clear();
  }

  /** Block `index` column by column: channel c's rows at `[c * BLOCK_ROWS, (c + 1) * BLOCK_ROWS)`. */
  private block(index: number): Float64Array {
    const cached = this.cache.get(index);
    if (cached !== undefined) {
      this.cache.delete(index);
      this.cache.set(index, cached);
      return cached;
    }
    const start = this.starts[index] as LineStart;
    const wanted = Math.min(BLOCK_ROWS, this.rows - index * BLOCK_ROWS);
    const values = new Float64Array(BLOCK_ROWS * this.channels);
    const lines = readLines(this.fd, start.byteOffset, start.line);
    for (let row = 0; row < wanted; row++) {
      const line = nextContentLine(lines);
      if (line === null) throw new FormatError(this.file, { line: start.line }, 'expected the rows seen at open');
      this.parser.parse(line, values, row, BLOCK_ROWS);
    }
    this.cache.set(index, values);
    if (this.cache.size > this.cacheBlocks) this.cache.delete(this.cache.keys().next().value as number);
    return values;
  }
}
