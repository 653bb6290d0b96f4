import { createReadStream, closeSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError, errorMessage } from '../../errors';
import { FormatError } from '../format-error';

/** One CSV record and the line it starts on (a quoted field may carry it over several lines). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34;
const COMMA = 44;
const CARRIAGE_RETURN = 13;

/**
 * Streams the records of a CSV or gzip-compressed CSV file (RFC 4180 quoting: fields in double
 * quotes may hold commas, doubled quotes and line breaks) to `onRecord`, blank lines skipped.
 * Memory stays bounded by one chunk and one record, so a multi-gigabyte CHARTEVENTS can be
 * filtered while it is read; records are handed over synchronously, chunk by chunk, because a
 * promise per row would dominate the cost of a 330-million-row table. Resolves with the number
 * of records.
 */
export async function forEachCsvRecord(file: string, onRecord: (record: CsvRecord) => void): Promise<number> {
  const streams = openText(file);
  streams.text.setEncoding('utf8');
  const lines = new RecordAssembler(file, onRecord);
  try {
    for await (const chunk of streams.text) lines.push(chunk as string);
    lines.end();
    return lines.records;
  } catch (error) {
    throw asReadError(file, lines.lineNumber, error);
  } finally {
    streams.raw.destroy();
    streams.text.destroy();
  }
}

/** Cuts decoded text into lines, and lines into records (a quoted field may span lines). */
class RecordAssembler {
  lineNumber = 0;
  records = 0;
  private rest = '';
  private pending: string | null = null;
  private startLine = 0;

  constructor(
    private readonly file: string,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {}

  push(chunk: string): void {
    const text = this.rest + chunk;
    let from = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', from)) {
      this.line(text.slice(from, text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end));
      from = end + 1;
    }
    this.rest = text.slice(from);
  }

  end(): void {
    if (this.rest !== '') this.line(this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest);
    this.rest = '';
    if (this.pending !== null) {
      throw new FormatError(
        this.file,
        { line: this.startLine },
        'a closing quote for the quoted field that starts on this line',
      );
    }
  }

  private line(line: string): void {
    this.lineNumber += 1;
    if (this.pending === null) {
      if (line === '') return;
      this.startLine = this.lineNumber;
    }
    const text = this.pending === null ? line : `${this.pending}\n${line}`;
    const fields = splitCsvRecord(text, this.file, this.startLine);
    if (fields === null) {
      this.pending = text;
      return;
    }
    this.pending = null;
    this.records += 1;
    this.onRecord({ fields, line: this.startLine });
  }
}

/**
 * Splits one record. Returns null when a quoted field is still open at the end of the text, so
 * the caller appends the next line and tries again.
 */
export function splitCsvRecord(text: string, file: string, startLine: number): string[] | null {
  if (!text.includes('"')) return text.split(',');
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    if (text.charCodeAt(position) === QUOTE) {
      let value = '';
      let from = position + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) return null;
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        position = close + 1;
        break;
      }
      fields.push(value);
      if (position === text.length) return fields;
      if (text.charCodeAt(position) !== COMMA) {
        throw new FormatError(
          file,
          locate(text, position, startLine),
          'a comma or the end of the line after a closing quote',
        );
      }
      position += 1;
    } else {
      const comma = text.indexOf(',', position);
      const end = comma === -1 ? text.length : comma;
      const value = text.slice(position, end);
      if (value.includes('"')) {
        throw new FormatError(
          file,
          locate(text, position + value.indexOf('"'), startLine),
          'a quote only at the start of a field',
        );
      }
      fields.push(value);
      if (comma === -1) return fields;
      position = comma + 1;
    }
  }
}

/** Line and 1-based character column of an index into a record that may span several lines. */
function locate(text: string, index: number, startLine: number): { line: number; column: number } {
  let line = startLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function openText(file: string): { raw: Readable; text: Readable } {
  const gzip = isGzip(file);
  const raw = createReadStream(file);
  if (!gzip) return { raw, text: raw };
  const text = raw.pipe(createGunzip());
  raw.on('error', (error) => text.destroy(error));
  return { raw, text };
}

/** Decides by the gzip magic bytes rather than the name, so a renamed file still reads. */
function isGzip(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new AppError('not-found', `Cannot open ${file}: ${errorMessage(error)}`, { cause: error });
  }
  try {
    const magic = Buffer.alloc(2);
    const read = readSync(fd, magic, 0, 2, 0);
    return read === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function asReadError(file: string, lineNumber: number, error: unknown): Error {
  if (error instanceof AppError || (error instanceof Error && error.name === 'AbortError')) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new FormatError(file, { line: lineNumber }, `a readable gzip stream (${errorMessage(error)})`);
  }
  return new AppError('internal', `Reading ${file} failed: ${errorMessage(error)}`, { cause: error });
}
