import { readSync } from 'node:fs';
import { FormatError } from '../format-error';

const READ_AHEAD_BYTES = 1 << 20;

/**
 * How much to read on a miss: small data records a megabyte at a time, large ones only the part
 * asked for (a 24-hour file stored as a few huge records must not be read whole for one window).
 */
export function readAheadFor(recordBytes: number): number {
  return recordBytes <= READ_AHEAD_BYTES / 4 ? READ_AHEAD_BYTES : 0;
}

/** The most bytes one view asks for, so a long request is decoded a chunk at a time. */
export const MAX_VIEW_BYTES = READ_AHEAD_BYTES;

/**
 * A buffer over one stretch of a file. Consecutive reads of nearby data records (one channel
 * after another over the same window, or a scan through the annotation signal) are served
 * from it instead of one system call each.
 */
export class FileWindow {
  private buffer = Buffer.alloc(0);
  private start = 0;
  private length = 0;

  constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly fileSize: number,
  ) {}

  /**
   * Makes file bytes `[position, position + length)` available and returns the window buffer
   * with the index of `position` in it. On a miss it reads `readLength` (≥ `length`) bytes.
   */
  view(position: number, length: number, readLength: number): { bytes: Buffer; index: number } {
    if (position < this.start || position + length > this.start + this.length) {
      const wanted = Math.max(length, Math.min(readLength, this.fileSize - position));
      if (this.buffer.length < wanted) this.buffer = Buffer.allocUnsafe(wanted);
      const read = readSync(this.fd, this.buffer, 0, wanted, position);
      if (read < length) {
        throw new FormatError(this.file, { byteOffset: position + read }, 'expected more data: the file has shrunk');
      }
      this.start = position;
      this.length = read;
    }
    return { bytes: this.buffer, index: position - this.start };
  }
}
