import { FormatError } from '../format-error';

/**
 * EDF+ Time-stamped Annotation Lists: `Onset [0x15 Duration] 0x14 {Text 0x14} 0x00`, several per
 * data record, then zero padding. Onsets are seconds after the header's start date/time.
 */
export interface Tal {
  onset: number;
  /** The onset as written (`+0.3945312`), for times that must not pass through a float. */
  onsetText: string;
  duration: number | null;
  /** UTF-8 texts; the time-keeping TAL has one empty text. */
  texts: string[];
  /** File offset of the TAL's first byte. */
  byteOffset: number;
}

const ONSET = /^[+-]\d+(?:\.\d*)?$/;
const DURATION = /^\d+(?:\.\d*)?$/;
const TEXT_END = 0x14;
const DURATION_MARK = 0x15;

/** The TALs in one annotation signal's bytes of one data record (`fileOffset`: where they start). */
export function parseTals(file: string, bytes: Buffer, fileOffset: number): Tal[] {
  const tals: Tal[] = [];
  const fail = (at: number, expected: string): FormatError =>
    new FormatError(file, { byteOffset: fileOffset + at }, `expected ${expected} in an EDF+ annotation list`);
  const fieldEnd = (from: number): number => {
    let at = from;
    while (at < bytes.length && bytes[at] !== TEXT_END && bytes[at] !== DURATION_MARK && bytes[at] !== 0) at++;
    return at;
  };
  let at = 0;
  while (at < bytes.length) {
    if (bytes[at] === 0) {
      at++;
      continue;
    }
    const start = at;
    const onsetEnd = fieldEnd(at);
    const onsetText = bytes.toString('latin1', at, onsetEnd);
    if (!ONSET.test(onsetText)) throw fail(at, 'an onset such as "+12.5"');
    let duration: number | null = null;
    at = onsetEnd;
    if (bytes[at] === DURATION_MARK) {
      const durationEnd = fieldEnd(at + 1);
      const durationText = bytes.toString('latin1', at + 1, durationEnd);
      if (!DURATION.test(durationText)) throw fail(at + 1, 'a duration in seconds such as "0.5"');
      duration = Number(durationText);
      at = durationEnd;
    }
    if (bytes[at] !== TEXT_END) throw fail(at, 'byte 0x14 after the onset and duration');
    at++;
    const texts: string[] = [];
    // Texts run to the TAL's closing 0x00; a TAL that ends exactly at the slice end is accepted too.
    while (at < bytes.length && bytes[at] !== 0) {
      let textEnd = at;
      while (textEnd < bytes.length && bytes[textEnd] !== TEXT_END && bytes[textEnd] !== 0) textEnd++;
      if (bytes[textEnd] !== TEXT_END) throw fail(textEnd, 'byte 0x14 closing an annotation text');
      texts.push(bytes.toString('utf8', at, textEnd));
      at = textEnd + 1;
    }
    tals.push({ onset: Number(onsetText), onsetText, duration, texts, byteOffset: fileOffset + start });
  }
  return tals;
}

/** One TAL's bytes, 0x00 included. Control bytes of the format are removed from the texts. */
export function encodeTal(onsetS: number, durationS: number | null, texts: readonly string[]): Buffer {
  const onset = `${onsetS < 0 ? '-' : '+'}${formatSeconds(Math.abs(onsetS))}`;
  const duration = durationS === null ? '' : `\x15${formatSeconds(durationS)}`;
  const body = texts.map((text) => `${withoutMarkers(text)}\x14`).join('');
  return Buffer.from(`${onset}${duration}\x14${body}\x00`, 'utf8');
}

function withoutMarkers(text: string): string {
  return text.replaceAll('\x00', ' ').replaceAll('\x14', ' ').replaceAll('\x15', ' ');
}

/** Seconds without an exponent and without trailing zeros, to 0.1 µs. */
function formatSeconds(seconds: number): string {
  return seconds.toFixed(7).replace(/\.?0+$/, '');
}
