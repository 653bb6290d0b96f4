import { FormatError } from '../format-error';
import { defaultAdcResolution, isStorageFormat, STORAGE_FORMATS, type StorageFormat } from './storage-formats';

/** WFDB's frame rate when the record line leaves it out. */
export const DEFAULT_SAMPLING_FREQUENCY = 250;
/** The gain WFDB uses for an uncalibrated signal (gain 0 or absent). */
export const DEFAULT_GAIN = 200;

export interface WfdbBaseTime {
  hours: number;
  minutes: number;
  seconds: number;
  /** Digits after the decimal point, as written ('' when none). */
  fraction: string;
}

export interface WfdbBaseDate {
  day: number;
  month: number;
  year: number;
}

export interface WfdbRecordLine {
  /** 1-based line of the header the record line is on. */
  line: number;
  name: string;
  /** Number of segments for a multi-segment header, null otherwise. */
  segmentCount: number | null;
  signalCount: number;
  /** Frames per second. */
  samplingFrequency: number;
  /** Ticks per second of the counter that time strings may use; equals the sampling frequency when absent. */
  counterFrequency: number;
  /** Counter value at sample 0. */
  baseCounter: number;
  /** Length in frames; null when the header leaves it out or writes 0 (it then comes from the file size). */
  frameCount: number | null;
  baseTime: WfdbBaseTime | null;
  baseDate: WfdbBaseDate | null;
}

export interface WfdbSignalSpec {
  /** 1-based line of the header this signal came from. */
  line: number;
  /** Signal file name, relative to the header; '~' means no file. */
  fileName: string;
  format: StorageFormat;
  samplesPerFrame: number;
  /** Frames of this signal stored before its sample 0. */
  skew: number;
  /** Bytes to skip at the start of the signal file (a preamble). */
  byteOffset: number;
  /** ADC units per physical unit as written; 0 means uncalibrated (read with DEFAULT_GAIN). */
  gain: number;
  /** Digital value of physical zero (ADCZERO when the header gives none). */
  baseline: number;
  units: string;
  /** ADC resolution in bits (the format's default when the header writes 0 or nothing). */
  adcResolution: number;
  adcZero: number;
  /** Value of sample 0 as written; null when absent (readers then start from ADCZERO). */
  initValue: number | null;
  /** 16-bit checksum as written (it may be written unsigned); null when absent. */
  checksum: number | null;
  blockSize: number;
  description: string | null;
}

export interface WfdbSegmentSpec {
  line: number;
  /** Segment record name; null for a null segment (`~`), which reads as missing samples. */
  name: string | null;
  frameCount: number;
}

interface HeaderCommon {
  record: WfdbRecordLine;
  /** Comment lines after the signal (or segment) lines, without the leading '#'. */
  info: string[];
  /** Oddities that do not stop reading (extra fields, stray lines). */
  warnings: string[];
}

export interface WfdbSingleSegmentHeader extends HeaderCommon {
  kind: 'single';
  signals: WfdbSignalSpec[];
}

export interface WfdbMultiSegmentHeader extends HeaderCommon {
  kind: 'multi';
  segments: WfdbSegmentSpec[];
}

export type WfdbHeader = WfdbSingleSegmentHeader | WfdbMultiSegmentHeader;

interface Token {
  text: string;
  /** 1-based column. */
  column: number;
}

interface HeaderLine {
  number: number;
  text: string;
  tokens: Token[];
}

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Parses a WFDB header (`.hea`). Bytes are decoded as UTF-8, falling back to latin-1 line by line
 * (real headers carry latin-1 `°` in units). Throws FormatError naming the line and column of the
 * first field that does not fit the syntax.
 */
export function parseHeader(input: string | Uint8Array, file = '<header>'): WfdbHeader {
  const lines = splitLines(input);
  const warnings: string[] = [];
  let index = nextContentLine(lines, 0);
  const recordLine = lines[index];
  if (recordLine === undefined) {
    throw new FormatError(file, { line: lastLine(lines) }, 'expected a record line (name, number of signals, …)');
  }
  const record = parseRecordLine(recordLine, file, warnings);
  index++;

  if (record.segmentCount !== null) {
    const segments: WfdbSegmentSpec[] = [];
    index = readSpecLines(lines, index, record.segmentCount, 'segment lines (name and length)', file, (line) =>
      segments.push(parseSegmentLine(line, file, warnings)),
    );
    const info = readInfo(lines, index, warnings);
    const sum = segments.reduce((total, segment) => total + segment.frameCount, 0);
    if (record.frameCount !== null && record.frameCount !== sum) {
      warnings.push(
        `the record line says ${record.frameCount} samples but the segments add up to ${sum}; using ${sum}`,
      );
    }
    return { kind: 'multi', record: { ...record, frameCount: sum }, segments, info, warnings };
  }

  const signals: WfdbSignalSpec[] = [];
  index = readSpecLines(lines, index, record.signalCount, 'signal lines (file, format, …)', file, (line) =>
    signals.push(parseSignalLine(line, file, warnings)),
  );
  checkGroups(signals, file);
  const info = readInfo(lines, index, warnings);
  return { kind: 'single', record, signals, info, warnings };
}

/** Hands the `count` content lines from `index` on to `take`; returns the index after the last. */
function readSpecLines(
  lines: HeaderLine[],
  index: number,
  count: number,
  what: string,
  file: string,
  take: (line: HeaderLine) => void,
): number {
  for (let found = 0; found < count; found++) {
    index = nextContentLine(lines, index);
    const line = lines[index];
    if (line === undefined) {
      throw new FormatError(file, { line: lastLine(lines) }, `expected ${count} ${what}, found ${found}`);
    }
    take(line);
    index++;
  }
  return index;
}

function splitLines(input: string | Uint8Array): HeaderLine[] {
  const texts: string[] = [];
  if (typeof input === 'string') {
    texts.push(...input.split('\n'));
  } else {
    let start = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
    for (let i = start; i <= input.length; i++) {
      if (i === input.length || input[i] === 0x0a) {
        texts.push(decodeLine(input.subarray(start, i)));
        start = i + 1;
      }
    }
  }
  return texts.map((raw, i) => {
    const text = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r+$/, '');
    return { number: i + 1, text, tokens: tokenize(text) };
  });
}

/** The number of the last line with any text: where a header that stops short ends. */
function lastLine(lines: HeaderLine[]): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]?.text.trim()) return i + 1;
  }
  return 1;
}

function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /[^ \t\r]+/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    tokens.push({ text: match[0], column: match.index + 1 });
  }
  return tokens;
}

function isComment(line: HeaderLine): boolean {
  return line.tokens[0]?.text.startsWith('#') ?? false;
}

/** Index of the next line that is neither blank nor a comment (lines.length when none). */
function nextContentLine(lines: HeaderLine[], from: number): number {
  let index = from;
  while (index < lines.length) {
    const line = lines[index];
    if (line !== undefined && line.tokens.length > 0 && !isComment(line)) break;
    index++;
  }
  return index;
}

function readInfo(lines: HeaderLine[], from: number, warnings: string[]): string[] {
  const info: string[] = [];
  for (const line of lines.slice(from)) {
    if (line.tokens.length === 0) continue;
    if (isComment(line)) {
      info.push(line.text.trim().slice(1).trim());
    } else {
      warnings.push(`line ${line.number} is neither a comment nor expected after the last signal line; ignored`);
    }
  }
  return info;
}

function fail(file: string, line: HeaderLine, token: Token | undefined, expected: string): never {
  throw new FormatError(file, { line: line.number, column: token?.column ?? line.text.length + 1 }, expected);
}

function parseRecordLine(line: HeaderLine, file: string, warnings: string[]): WfdbRecordLine {
  const [nameToken, nsigToken, fsToken, nsampToken, timeToken, dateToken, ...extra] = line.tokens;
  if (nameToken === undefined) fail(file, line, undefined, 'expected a record name');
  const nameMatch = /^([^/]+)(?:\/(\d+))?$/.exec(nameToken.text);
  if (nameMatch === null) fail(file, line, nameToken, 'expected a record name, optionally followed by /NSEG');
  const name = nameMatch[1] ?? '';
  let segmentCount: number | null = null;
  if (nameMatch[2] !== undefined) {
    segmentCount = toInteger(nameMatch[2]);
    if (segmentCount === null || segmentCount < 1) {
      fail(file, line, nameToken, 'expected a positive number of segments after the /');
    }
  }
  if (nsigToken === undefined) fail(file, line, undefined, 'expected the number of signals after the record name');
  const signalCount = toInteger(nsigToken.text);
  if (signalCount === null || signalCount < 0)
    fail(file, line, nsigToken, 'expected the number of signals (an integer ≥ 0)');

  let samplingFrequency = DEFAULT_SAMPLING_FREQUENCY;
  let counterFrequency: number | null = null;
  let baseCounter = 0;
  if (fsToken !== undefined) {
    const fsMatch = /^([^/()]+)(?:\/([^/()]+)(?:\(([^()]*)\))?)?$/.exec(fsToken.text);
    const fs = toFloat(fsMatch?.[1]);
    if (fsMatch === null || fs === null || fs <= 0) {
      fail(file, line, fsToken, 'expected the sampling frequency FS[/COUNTERFREQ[(BASECOUNT)]] with FS > 0');
    }
    samplingFrequency = fs;
    if (fsMatch[2] !== undefined) {
      const counter = toFloat(fsMatch[2]);
      if (counter === null || counter <= 0) fail(file, line, fsToken, 'expected a counter frequency > 0 after the /');
      counterFrequency = counter;
    }
    if (fsMatch[3] !== undefined) {
      const base = toFloat(fsMatch[3]);
      if (base === null) fail(file, line, fsToken, 'expected a base counter value inside the parentheses');
      baseCounter = base;
    }
  }

  let frameCount: number | null = null;
  if (nsampToken !== undefined) {
    const n = toInteger(nsampToken.text);
    if (n === null || n < 0) fail(file, line, nsampToken, 'expected the number of samples per signal (an integer ≥ 0)');
    frameCount = n === 0 ? null : n;
  }
  const baseTime = timeToken === undefined ? null : parseBaseTime(timeToken, line, file);
  const baseDate = dateToken === undefined ? null : parseBaseDate(dateToken, line, file);
  if (extra.length > 0) warnings.push(`line ${line.number}: ignored extra fields after the base date`);
  return {
    line: line.number,
    name,
    segmentCount,
    signalCount,
    samplingFrequency,
    counterFrequency: counterFrequency ?? samplingFrequency,
    baseCounter,
    frameCount,
    baseTime,
    baseDate,
  };
}

function parseBaseTime(token: Token, line: HeaderLine, file: string): WfdbBaseTime {
  // HH:MM:SS[.fff], MM:SS[.fff] or SS[.fff], as wfdb-python counts the colons.
  const match = /^(?:(?:(\d{1,2}):)?(\d{1,2}):)?(\d{1,2})(?:\.(\d*))?$/.exec(token.text);
  const hours = Number(match?.[1] ?? 0);
  const minutes = Number(match?.[2] ?? 0);
  const seconds = Number(match?.[3] ?? 0);
  if (match === null || hours > 23 || minutes > 59 || seconds > 60) {
    fail(file, line, token, 'expected the base time as HH:MM:SS[.fff] (or MM:SS, or SS)');
  }
  return { hours, minutes, seconds, fraction: match[4] ?? '' };
}

function parseBaseDate(token: Token, line: HeaderLine, file: string): WfdbBaseDate {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{1,4})$/.exec(token.text);
  const day = Number(match?.[1] ?? 0);
  const month = Number(match?.[2] ?? 0);
  const year = Number(match?.[3] ?? 0);
  if (match === null || day < 1 || day > 31 || month < 1 || month > 12) {
    fail(file, line, token, 'expected the base date as DD/MM/YYYY');
  }
  return { day, month, year };
}

function parseSegmentLine(line: HeaderLine, file: string, warnings: string[]): WfdbSegmentSpec {
  const [nameToken, lengthToken, ...extra] = line.tokens;
  if (nameToken === undefined) fail(file, line, undefined, 'expected a segment name');
  if (lengthToken === undefined) fail(file, line, undefined, `expected the length of segment ${nameToken.text}`);
  const frameCount = toInteger(lengthToken.text);
  if (frameCount === null || frameCount < 0) {
    fail(file, line, lengthToken, 'expected the segment length in samples (an integer ≥ 0)');
  }
  if (extra.length > 0) warnings.push(`line ${line.number}: ignored extra fields after the segment length`);
  return { line: line.number, name: nameToken.text === '~' ? null : nameToken.text, frameCount };
}

function parseSignalLine(line: HeaderLine, file: string, warnings: string[]): WfdbSignalSpec {
  const tokens = line.tokens;
  const [fileToken, formatToken, gainToken, resToken, zeroToken, initToken, checksumToken, blockToken] = tokens;
  if (fileToken === undefined) fail(file, line, undefined, 'expected a signal file name');
  if (formatToken === undefined) fail(file, line, undefined, `expected a storage format after the file name`);

  const formatMatch = /^(\d+)(?:x(\d+))?(?::(\d+))?(?:\+(\d+))?$/.exec(formatToken.text);
  if (formatMatch === null) fail(file, line, formatToken, 'expected the storage format as FMT[xSPF][:SKEW][+OFFSET]');
  const formatNumber = toInteger(formatMatch[1] ?? '');
  if (formatNumber === null || !isStorageFormat(formatNumber)) {
    const flac = formatNumber === 508 || formatNumber === 516 || formatNumber === 524;
    fail(
      file,
      line,
      formatToken,
      flac
        ? `storage format ${formatNumber} is FLAC-compressed, which is not supported; expected one of ${STORAGE_FORMATS.join(', ')}`
        : `unknown storage format ${formatMatch[1] ?? ''}; expected one of ${STORAGE_FORMATS.join(', ')}`,
    );
  }
  const format = formatNumber;
  const samplesPerFrame = formatMatch[2] === undefined ? 1 : toInteger(formatMatch[2]);
  if (samplesPerFrame === null || samplesPerFrame < 1 || samplesPerFrame > 1 << 20) {
    fail(file, line, formatToken, 'expected between 1 and 1048576 samples per frame after the x');
  }
  const skew = formatMatch[3] === undefined ? 0 : toInteger(formatMatch[3]);
  if (skew === null || skew > 2 ** 31) fail(file, line, formatToken, 'expected a skew below 2^31 after the colon');
  const byteOffset = formatMatch[4] === undefined ? 0 : toInteger(formatMatch[4]);
  if (byteOffset === null) fail(file, line, formatToken, 'expected a byte offset after the +');

  let gain = 0;
  let baseline: number | null = null;
  let units = 'mV';
  if (gainToken !== undefined) {
    const gainMatch = /^([^()/]+)(?:\(([^()]*)\))?(?:\/(.*))?$/.exec(gainToken.text);
    const parsedGain = toFloat(gainMatch?.[1]);
    if (gainMatch === null || parsedGain === null) {
      fail(file, line, gainToken, 'expected the gain as GAIN[(BASELINE)][/UNITS]');
    }
    gain = parsedGain;
    if (gainMatch[2] !== undefined) {
      baseline = toInteger(gainMatch[2]);
      if (baseline === null) fail(file, line, gainToken, 'expected an integer baseline inside the parentheses');
    }
    if (gainMatch[3] !== undefined && gainMatch[3] !== '') units = gainMatch[3];
  }

  const adcResolution = optionalInteger(resToken, line, file, 'the ADC resolution in bits') ?? 0;
  if (adcResolution < 0 || adcResolution > 32)
    fail(file, line, resToken, 'expected an ADC resolution between 0 and 32 bits');
  const adcZero = optionalInteger(zeroToken, line, file, 'the ADC zero (an integer)') ?? 0;
  const initValue = optionalInteger(initToken, line, file, 'the initial value (an integer)');
  const checksum = optionalInteger(checksumToken, line, file, 'the checksum (an integer)');
  const blockSize = optionalInteger(blockToken, line, file, 'the block size (an integer)') ?? 0;
  const descriptionToken = tokens[8];
  const description = descriptionToken === undefined ? null : line.text.slice(descriptionToken.column - 1).trim();
  if (fileToken.text === '~' && format !== 0) {
    warnings.push(`line ${line.number}: signal file '~' has no data; format ${format} read as a null signal`);
  }

  return {
    line: line.number,
    fileName: fileToken.text,
    format,
    samplesPerFrame,
    skew,
    byteOffset,
    gain,
    baseline: baseline ?? adcZero,
    units,
    adcResolution: adcResolution === 0 ? defaultAdcResolution(format) : adcResolution,
    adcZero,
    initValue,
    checksum,
    blockSize,
    description,
  };
}

function optionalInteger(token: Token | undefined, line: HeaderLine, file: string, what: string): number | null {
  if (token === undefined) return null;
  const value = toInteger(token.text);
  if (value === null) fail(file, line, token, `expected ${what}`);
  return value;
}

/** Signals that share a file sit on consecutive lines and must share a storage format. */
function checkGroups(signals: WfdbSignalSpec[], file: string): void {
  for (let i = 1; i < signals.length; i++) {
    const previous = signals[i - 1];
    const signal = signals[i];
    if (previous === undefined || signal === undefined) continue;
    if (signal.fileName === previous.fileName && signal.fileName !== '~' && signal.format !== previous.format) {
      throw new FormatError(
        file,
        { line: signal.line },
        `expected format ${previous.format} like the signal before it in ${signal.fileName} (signals in one file share a format), found ${signal.format}`,
      );
    }
  }
}

function toInteger(text: string): number | null {
  if (!INTEGER.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

function toFloat(text: string | undefined): number | null {
  if (text === undefined || !FLOAT.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The gain samples are converted with: 0 (uncalibrated) reads as WFDB's default of 200. */
export function effectiveGain(gain: number): number {
  return gain === 0 ? DEFAULT_GAIN : gain;
}

/**
 * ISO 8601 local date-time of sample 0 (`2896-10-10T00:31:25.894`); the time alone
 * (`15:08:24`) when the header has no date; null when it has no time.
 */
export function headerStartTime(record: WfdbRecordLine): string | null {
  const time = record.baseTime;
  if (time === null) return null;
  const fraction = time.fraction === '' ? '' : `.${time.fraction}`;
  const clock = `${pad(time.hours, 2)}:${pad(time.minutes, 2)}:${pad(time.seconds, 2)}${fraction}`;
  const date = record.baseDate;
  if (date === null) return clock;
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}T${clock}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Best-effort `key: value` reading of info strings: `<age>: 25  <sex>: M` (several per line) and
 * `age: 81` (one per line). Lines without a key are skipped; a later key wins.
 */
export function parseInfoFields(info: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of info) {
    if (/^\s*<[^<>]+>\s*:/.test(line)) {
      const pattern = /<([^<>]+)>\s*:\s*((?:(?!\s*<[^<>]+>\s*:).)*)/g;
      for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
        fields[(match[1] ?? '').trim()] = (match[2] ?? '').trim();
      }
      continue;
    }
    const match = /^([^:<>]{1,60}?)\s*:\s*(.*)$/.exec(line);
    if (match !== null) fields[(match[1] ?? '').trim()] = (match[2] ?? '').trim();
  }
  return fields;
}
