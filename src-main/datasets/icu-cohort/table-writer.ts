import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { formatMimicTime, MIMIC3_TABLE_COLUMNS, type Mimic3Column, type Mimic3TableName } from '../../formats/mimic3';

/** A cell: text is quoted, numbers and times are written bare, null is an empty cell (MIMIC's NULL). */
export type CsvCell = string | number | null | { time: number };

export const at = (time: number): CsvCell => ({ time });

const FLUSH_CHARS = 1 << 16;

/**
 * Writes one MIMIC-III table in the v1.4 style: quoted upper-case header, quoted text,
 * `YYYY-MM-DD HH:MM:SS` times, optionally gzip-compressed. Rows are buffered and flushed with
 * back-pressure by `drain()`, so a large CHARTEVENTS never sits in memory.
 */
export class TableWriter<T extends Mimic3TableName> {
  readonly file: string;
  rows = 0;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private readonly sink: Writable;
  private readonly done: Promise<void>;
  private readonly columns: readonly Mimic3Column<T>[];

  constructor(dir: string, table: T, gzip: boolean) {
    this.columns = MIMIC3_TABLE_COLUMNS[table];
    this.file = join(dir, `${table}.csv${gzip ? '.gz' : ''}`);
    const file = createWriteStream(this.file);
    if (gzip) {
      const compressor = createGzip();
      this.sink = compressor;
      this.done = pipeline(compressor, file);
    } else {
      this.sink = file;
      this.done = finished(file);
    }
    this.push(this.columns.map((column) => `"${column}"`).join(','));
  }

  /** Buffers a row; call `drain()` now and then to hand full buffers to the file. */
  write(row: Readonly<Record<Mimic3Column<T>, CsvCell>>): void {
    this.rows += 1;
    this.push(this.columns.map((column) => formatCell(row[column])).join(','));
  }

  /** Writes the buffer once it is large, waiting while the file stream is saturated. */
  async drain(): Promise<void> {
    if (this.bufferedChars >= FLUSH_CHARS) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.sink.end();
    await this.done;
  }

  private push(line: string): void {
    this.buffer.push(line);
    this.bufferedChars += line.length + 1;
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.sink.write(chunk)) await once(this.sink, 'drain');
  }
}

function formatCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return `"${cell.replaceAll('"', '""')}"`;
  return formatMimicTime(cell.time);
}
