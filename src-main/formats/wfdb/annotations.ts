import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { readSourceFile } from '../source-files';

/** Pseudo-annotation codes: they modify the annotation before them (SKIP moves the clock). */
const SKIP = 59;
const NUM = 60;
const SUB = 61;
const CHN = 62;
const AUX = 63;
/** Largest code of a real annotation type (ACMAX); 50–58 are read as types too, as the C library does. */
export const ACMAX = 49;
export const NOTE = 22;

/** Symbols from the WFDB library's annot.c (code → mnemonic); codes 15, 17 and 42–49 have none. */
const STANDARD_SYMBOLS: Readonly<Record<number, string>> = {
  0: ' ', 1: 'N', 2: 'L', 3: 'R', 4: 'a', 5: 'V', 6: 'F', 7: 'J', 8: 'A', 9: 'S', 10: 'E', 11: 'j', 12: '/',
  13: 'Q', 14: '~', 16: '|', 18: 's', 19: 'T', 20: '*', 21: 'D', 22: '"', 23: '=', 24: 'p', 25: 'B', 26: '^',
  27: 't', 28: '+', 29: 'u', 30: '?', 31: '!', 32: '[', 33: ']', 34: 'e', 35: 'n', 36: '@', 37: 'x', 38: 'f',
  39: '(', 40: ')', 41: 'r',
}; // prettier-ignore

/**
 * The first byte of an AHA-format file is 0 and the second one of these codes (the AHA codes
 * that map to a beat or note, '[' and ']' excluded); the WFDB library tells the formats apart so.
 */
const AHA_CODES = new Set(['E', 'F', 'N', 'O', 'P', 'Q', 'R', 'U', 'V'].map((c) => c.charCodeAt(0)));

/** One annotation as the MIT format stores it. */
export interface MitAnnotation {
  /** Time in samples (at the annotation file's time resolution). */
  sample: number;
  /** Annotation type, 0 (null) … 58. */
  code: number;
  /** Signed byte. */
  subtype: number;
  /** Unsigned byte: the signal the annotation belongs to (255 is used for "all"). */
  chan: number;
  /** Signed byte. */
  num: number;
  /** Auxiliary bytes exactly as stored (a rhythm's "(N\0" keeps its NUL); null when none. */
  aux: Uint8Array | null;
}

export interface ReadAnnotation extends MitAnnotation {
  /** The mnemonic, from the file's own label table first. */
  symbol: string;
  /** The aux bytes as text, trailing NULs removed; null when there are no aux bytes. */
  text: string | null;
}

/** A label defined (or redefined) by an annotation file's table: "15 c calibration pulse". */
export interface AnnotationLabel {
  code: number;
  symbol: string;
  description: string;
}

export interface DecodedAnnotations {
  /** What a person sees (as rdann shows it): without null annotations and the t = 0 label/resolution notes. */
  annotations: ReadAnnotation[];
  /** Every annotation in file order, null ones and the t = 0 notes included: writeAnnotations(all) gives the file back. */
  all: ReadAnnotation[];
  /** Labels the file defines for its codes. */
  labels: AnnotationLabel[];
  /** Samples per second of the annotation times, when the file says ("## time resolution: …"). */
  timeResolution: number | null;
  warnings: string[];
}

/** The standard mnemonic of a code, `[n]` for a code without one. */
export function annotationSymbol(code: number, labels: readonly AnnotationLabel[] = []): string {
  return labels.find((label) => label.code === code)?.symbol ?? STANDARD_SYMBOLS[code] ?? `[${code}]`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Aux bytes as text: trailing NULs removed, UTF-8 with a latin-1 fallback. */
export function auxText(aux: Uint8Array | null): string | null {
  if (aux === null) return null;
  let end = aux.length;
  while (end > 0 && aux[end - 1] === 0) end--;
  const bytes = aux.subarray(0, end);
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

export function readAnnotations(path: string): DecodedAnnotations {
  return decodeAnnotations(readSourceFile(path, 'a readable annotation file'), path);
}

/** Decodes an MIT-format annotation file (the WFDB library's getann, with its t = 0 label table). */
export function decodeAnnotations(bytes: Uint8Array, file = '<annotations>'): DecodedAnnotations {
  if (bytes.length >= 2 && bytes[0] === 0 && AHA_CODES.has(bytes[1] ?? 0)) {
    throw new FormatError(
      file,
      { byteOffset: 0 },
      'expected an MIT-format annotation file; this one starts like the older AHA format (16-byte records), which is not supported — convert it with the WFDB tools first',
    );
  }
  const all: ReadAnnotation[] = [];
  const warnings: string[] = [];
  let time = 0;
  let chan = 0;
  let num = 0;
  let current: ReadAnnotation | null = null;
  let p = 0;
  let ended = false;
  while (p + 1 < bytes.length) {
    const word = (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8);
    const at = p;
    p += 2;
    const code = word >> 10;
    const data = word & 0x3ff;
    if (code === 0 && data === 0) {
      ended = true;
      break;
    }
    switch (code) {
      case SKIP: {
        if (p + 4 > bytes.length) {
          throw new FormatError(
            file,
            { byteOffset: p },
            'expected the 4-byte interval that follows a SKIP word, but the file ends',
          );
        }
        // PDP-11 order: the high 16-bit word first, each word little-endian.
        const high = (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8);
        const low = (bytes[p + 2] ?? 0) | ((bytes[p + 3] ?? 0) << 8);
        time += (high << 16) | low | 0;
        p += 4;
        break;
      }
      case NUM:
        num = ((data & 0xff) << 24) >> 24;
        if (current !== null) current.num = num;
        break;
      case CHN:
        chan = data & 0xff; // unsigned char in the C library: 1023 reads as 255
        if (current !== null) current.chan = chan;
        break;
      case SUB:
        if (current === null)
          throw new FormatError(file, { byteOffset: at }, 'expected an annotation before the SUB (subtype) word');
        current.subtype = ((data & 0xff) << 24) >> 24;
        break;
      case AUX: {
        if (current === null)
          throw new FormatError(file, { byteOffset: at }, 'expected an annotation before the AUX word');
        const length = data & 0xff;
        if (p + length > bytes.length) {
          throw new FormatError(
            file,
            { byteOffset: p },
            `expected ${length} bytes of auxiliary data, but the file ends`,
          );
        }
        current.aux = new Uint8Array(bytes.subarray(p, p + length)); // a copy, not a view of the file
        current.text = auxText(current.aux);
        p += length + (length & 1);
        break;
      }
      default:
        time += data;
        current = { sample: time, code, subtype: 0, chan, num, aux: null, symbol: '', text: null };
        all.push(current);
    }
  }
  if (!ended) {
    if (p < bytes.length) {
      throw new FormatError(file, { byteOffset: p }, 'expected a 16-bit word, but the file ends after one byte');
    }
    if (bytes.length > 0) warnings.push(`${file} has no end-of-file word; read to its physical end`);
  }

  const { labels, timeResolution, preamble } = readLabelTable(all);
  for (const annotation of all) annotation.symbol = annotationSymbol(annotation.code, labels);
  const annotations = all.filter((a, i) => a.code !== 0 && i >= preamble);
  return { annotations, all, labels, timeResolution, warnings };
}

/**
 * The notes at t = 0 that open a file: "## time resolution: F", and a label table
 * ("## annotation type definitions", "CODE SYMBOL DESCRIPTION" lines, "## end of definitions").
 */
function readLabelTable(all: readonly ReadAnnotation[]): {
  labels: AnnotationLabel[];
  timeResolution: number | null;
  preamble: number;
} {
  const labels: AnnotationLabel[] = [];
  let timeResolution: number | null = null;
  let preamble = 0;
  for (const annotation of all) {
    if (annotation.sample !== 0 || annotation.code !== NOTE || annotation.subtype !== 0) break;
    const text = (annotation.text ?? '').trim();
    if (text.startsWith('#')) {
      const resolution = /^## time resolution:\s*(\S+)/.exec(text);
      const value = Number(resolution?.[1]);
      if (resolution !== null && Number.isFinite(value) && value > 0) timeResolution = value;
    } else {
      const definition = /^(\d+)[ \t]+(\S+)(?:[ \t]+([^]*))?$/.exec(text);
      const code = Number(definition?.[1]);
      if (definition === null || code < 1 || code > ACMAX) break;
      const existing = labels.findIndex((label) => label.code === code);
      if (existing >= 0) labels.splice(existing, 1);
      labels.push({ code, symbol: definition[2] ?? '', description: (definition[3] ?? '').trim() });
    }
    preamble++;
  }
  return { labels, timeResolution, preamble };
}

/** What writeAnnotations takes: an MIT annotation, with aux as bytes or text. */
export interface AnnotationToWrite {
  sample: number;
  code: number;
  subtype?: number;
  chan?: number;
  num?: number;
  aux?: Uint8Array | string | null;
}

export interface AnnotationWriteOptions {
  /** Written as a "## time resolution" note when the times are not at the record's frame rate. */
  timeResolution?: number;
  /** Labels for codes (project beat types in 42–49, say), written as the t = 0 label table. */
  labels?: readonly AnnotationLabel[];
}

/**
 * Encodes annotations as an MIT-format file, as the WFDB library's putann writes it: sorted by
 * (time, chan, num), SKIP for intervals outside 0…1023, a null annotation as SKIP(Δ − 1) and the
 * word 1, SUB/CHN/NUM only when they change, AUX padded to a whole word, and the EOF word.
 * Re-encoding a decoded file's `all` list gives its bytes back.
 */
export function writeAnnotations(
  annotations: readonly AnnotationToWrite[],
  options: AnnotationWriteOptions = {},
): Buffer {
  const sorted = annotations
    .map((annotation, index) => ({ annotation: checkAnnotation(annotation, index), index }))
    .sort(
      (x, y) =>
        x.annotation.sample - y.annotation.sample ||
        x.annotation.chan - y.annotation.chan ||
        x.annotation.num - y.annotation.num ||
        x.index - y.index,
    )
    .map((entry) => entry.annotation);
  const out = new WordWriter();
  const state = { time: 0, chan: 0, num: 0 };
  for (const annotation of preambleNotes(options)) encodeAnnotation(out, state, annotation);
  for (const annotation of sorted) encodeAnnotation(out, state, annotation);
  out.word(0);
  return out.toBuffer();
}

interface CheckedAnnotation {
  sample: number;
  code: number;
  subtype: number;
  chan: number;
  num: number;
  aux: Uint8Array | null;
}

const textEncoder = new TextEncoder();

function checkAnnotation(annotation: AnnotationToWrite, index: number): CheckedAnnotation {
  const { sample, code, subtype = 0, chan = 0, num = 0 } = annotation;
  const problem = (what: string): never => {
    throw new AppError('invalid-request', `annotation ${index} (sample ${sample}): ${what}`);
  };
  if (!Number.isSafeInteger(sample)) problem('the sample must be an integer');
  if (!Number.isInteger(code) || code < 0 || code >= SKIP) problem(`the code must be an integer from 0 to ${SKIP - 1}`);
  if (!Number.isInteger(subtype) || subtype < -128 || subtype > 127)
    problem('the subtype must be an integer from -128 to 127');
  if (!Number.isInteger(chan) || chan < 0 || chan > 255) problem('the chan must be an integer from 0 to 255');
  if (!Number.isInteger(num) || num < -128 || num > 127) problem('the num must be an integer from -128 to 127');
  const aux = typeof annotation.aux === 'string' ? textEncoder.encode(annotation.aux) : (annotation.aux ?? null);
  if (aux !== null && aux.length > 255) problem(`the aux data must be at most 255 bytes, found ${aux.length}`);
  return { sample, code, subtype, chan, num, aux };
}

function preambleNotes(options: AnnotationWriteOptions): CheckedAnnotation[] {
  const note = (text: string): CheckedAnnotation => ({
    sample: 0,
    code: NOTE,
    subtype: 0,
    chan: 0,
    num: 0,
    aux: textEncoder.encode(text),
  });
  const notes: CheckedAnnotation[] = [];
  if (options.timeResolution !== undefined) {
    if (!(options.timeResolution > 0) || !Number.isFinite(options.timeResolution)) {
      throw new AppError('invalid-request', 'the time resolution must be a positive number');
    }
    notes.push(note(`## time resolution: ${Number(options.timeResolution.toPrecision(12))}`));
  }
  const labels = options.labels ?? [];
  if (labels.length > 0) {
    notes.push(note('## annotation type definitions'));
    for (const label of labels) {
      if (!Number.isInteger(label.code) || label.code < 1 || label.code > ACMAX || !/^\S+$/.test(label.symbol)) {
        throw new AppError(
          'invalid-request',
          `label ${label.code} '${label.symbol}': expected a code from 1 to ${ACMAX} and a symbol without spaces`,
        );
      }
      notes.push(note(`${label.code} ${label.symbol} ${label.description}`.trimEnd()));
    }
    notes.push(note('## end of definitions'));
  }
  // The null annotation closes the table: SKIP −1 and the word 1 bring the clock back to 0.
  if (notes.length > 0) notes.push({ sample: 0, code: 0, subtype: 0, chan: 0, num: 0, aux: null });
  for (const n of notes) {
    if ((n.aux?.length ?? 0) > 255)
      throw new AppError('invalid-request', 'a label definition must be at most 255 bytes');
  }
  return notes;
}

function encodeAnnotation(
  out: WordWriter,
  state: { time: number; chan: number; num: number },
  a: CheckedAnnotation,
): void {
  let delta = a.sample - state.time;
  if (a.code === 0) {
    // A null annotation must not be the word 0 (end of file): skip to just before it, then step 1.
    out.skip(delta - 1);
    delta = 1;
  } else if (delta < 0 || delta > 1023) {
    out.skip(delta);
    delta = 0;
  }
  out.word((a.code << 10) | delta);
  if (a.subtype !== 0) out.word((SUB << 10) | (a.subtype & 0x3ff));
  if (a.chan !== state.chan) out.word((CHN << 10) | (a.chan & 0x3ff));
  if (a.num !== state.num) out.word((NUM << 10) | (a.num & 0x3ff));
  if (a.aux !== null && a.aux.length > 0) {
    out.word((AUX << 10) | a.aux.length);
    out.bytes(a.aux);
    if (a.aux.length & 1) out.bytes(new Uint8Array(1));
  }
  state.time = a.sample;
  state.chan = a.chan;
  state.num = a.num;
}

class WordWriter {
  private buffer = new Uint8Array(1024);
  private length = 0;

  word(value: number): void {
    this.reserve(2);
    this.buffer[this.length++] = value & 0xff;
    this.buffer[this.length++] = (value >> 8) & 0xff;
  }

  /** SKIP words for any interval, each carrying at most a signed 32-bit step. */
  skip(interval: number): void {
    let rest = interval;
    do {
      const step = Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, rest));
      this.word(SKIP << 10);
      this.word((step >> 16) & 0xffff);
      this.word(step & 0xffff);
      rest -= step;
    } while (rest !== 0);
  }

  bytes(values: Uint8Array): void {
    this.reserve(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.buffer.buffer, this.buffer.byteOffset, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}
