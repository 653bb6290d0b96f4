import { readSync } from 'node:fs';

export interface TextLine {
  text: string;
  /** 1-based line number in the file. */
  line: number;
  /** File offset of the line's first byte. */
  byteOffset: number;
}

export type LineStart = Pick<TextLine, 'byteOffset' | 'line'>;

const CHUNK_BYTES = 1 << 16;
const NEWLINE = 0x0a;

/**
 * The lines of a file from `byteOffset` (the start of line `line`) on, read a chunk at a time so
 * a large file is never held whole. CR LF and LF both end a line; a byte-order mark is dropped.
 */
export function* readLines(fd: number, byteOffset = 0, line = 1): Generator<TextLine> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let carried: Buffer[] = [];
  let lineStart = byteOffset;
  let lineNumber = line;
  let position = byteOffset;
  for (;;) {
    const read = readSync(fd, chunk, 0, CHUNK_BYTES, position);
    if (read === 0) break;
    const view = chunk.subarray(0, read);
    let from = 0;
    for (let end = view.indexOf(NEWLINE); end !== -1; end = view.indexOf(NEWLINE, from)) {
      const bytes =
        carried.length === 0 ? view.subarray(from, end) : Buffer.concat([...carried, view.subarray(from, end)]);
      yield { text: decode(bytes, lineStart), line: lineNumber, byteOffset: lineStart };
      carried = [];
      lineStart = position + end + 1;
      lineNumber++;
      from = end + 1;
    }
    if (from < read) carried.push(Buffer.from(view.subarray(from)));
    position += read;
  }
  if (carried.length > 0)
    yield { text: decode(Buffer.concat(carried), lineStart), line: lineNumber, byteOffset: lineStart };
}

function decode(bytes: Buffer, byteOffset: number): string {
  const text = bytes.toString('utf8');
  const withoutCr = text.endsWith('\r') ? text.slice(0, -1) : text;
  return byteOffset === 0 && withoutCr.startsWith('\uFEFF') ? withoutCr.slice(1) : withoutCr;
}

/** The next line that is not blank, or null at the end of the file. */
export function nextContentLine(lines: Generator<TextLine>): TextLine | null {
  for (let next = lines.next(); next.done !== true; next = lines.next()) {
    if (next.value.text.trim() !== '') return next.value;
  }
  return null;
}
