import { FormatError } from '../format-error';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * The fixed-width, space-padded ASCII fields of an EDF header. Every reader names the byte offset
 * of the field in the file, so a bad header is reported where it is broken.
 */
export class HeaderFields {
  constructor(
    private readonly file: string,
    private readonly bytes: Buffer,
    /** File offset of `bytes[0]`. */
    private readonly fileOffset: number,
  ) {}

  /** The field as text, trimmed; latin-1 because real files put `°` and `µ` in ASCII fields. */
  text(offset: number, width: number): string {
    return this.bytes
      .toString('latin1', offset, offset + width)
      .replace(/\0/g, ' ')
      .trim();
  }

  integer(offset: number, width: number, what: string): number {
    const text = this.text(offset, width);
    if (!INTEGER.test(text)) throw this.error(offset, `${what} as an integer`, text);
    return Number(text);
  }

  decimal(offset: number, width: number, what: string): number {
    const text = this.text(offset, width);
    const value = Number(text);
    if (!DECIMAL.test(text) || !Number.isFinite(value)) throw this.error(offset, `${what} as a number`, text);
    return value;
  }

  error(offset: number, expected: string, found: string): FormatError {
    return new FormatError(
      this.file,
      { byteOffset: this.fileOffset + offset },
      `expected ${expected}, found "${found}"`,
    );
  }
}
