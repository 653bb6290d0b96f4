import { readSync } from 'node:fs';
import { FormatError } from '../format-error';
import { type CivilDateTime, isCalendarDate, parseHeaderDate, parseHeaderTime } from './edf-dates';
import { HeaderFields } from './header-fields';
import { parseRecordingField } from './identification';

export type EdfKind = 'edf' | 'bdf';
/** Plain EDF/BDF, or EDF+/BDF+ continuous (`+C`) or discontinuous (`+D`). */
export type EdfVariant = 'plain' | 'continuous' | 'discontinuous';

export interface EdfSignalHeader {
  label: string;
  transducer: string;
  units: string;
  physicalMin: number;
  physicalMax: number;
  digitalMin: number;
  digitalMax: number;
  prefiltering: string;
  samplesPerRecord: number;
  /** An "EDF Annotations" / "BDF Annotations" signal: TALs, not a waveform. */
  isAnnotation: boolean;
  /** Byte offset of this signal's samples inside a data record. */
  recordOffset: number;
}

export interface EdfHeader {
  kind: EdfKind;
  variant: EdfVariant;
  patientField: string;
  recordingField: string;
  /** The header's start date and time (whole seconds; EDF+ adds the fraction in the first TAL). */
  start: CivilDateTime;
  headerBytes: number;
  /** Complete data records in the file (the header's count, or the file size's when it says −1). */
  recordCount: number;
  recordDurationS: number;
  signals: EdfSignalHeader[];
  bytesPerSample: 2 | 3;
  recordBytes: number;
  warnings: string[];
}

export const EDF_ANNOTATIONS_LABEL = 'EDF Annotations';
const ANNOTATION_LABELS: readonly string[] = [EDF_ANNOTATIONS_LABEL, 'BDF Annotations'];

const FIXED_BYTES = 256;
const SIGNAL_BYTES = 256;
const DIGITAL_RANGE = { edf: [-32768, 32767], bdf: [-8388608, 8388607] } as const;

/** Reads and checks the header; throws `FormatError` naming the byte offset of the first bad field. */
export function readEdfHeader(file: string, fd: number, fileSize: number): EdfHeader {
  const fixed = readBytes(file, fd, 0, FIXED_BYTES, fileSize, 'a 256-byte EDF header');
  const fields = new HeaderFields(file, fixed, 0);
  const kind = versionKind(fields, fixed);
  const signalCount = fields.integer(252, 4, 'the number of signals');
  if (signalCount < 1) throw fields.error(252, 'at least 1 signal', String(signalCount));
  const headerBytes = fields.integer(184, 8, 'the number of header bytes');
  if (headerBytes !== FIXED_BYTES + SIGNAL_BYTES * signalCount) {
    const expected = FIXED_BYTES + SIGNAL_BYTES * signalCount;
    throw fields.error(184, `256 × (${signalCount} signals + 1) = ${expected} header bytes`, String(headerBytes));
  }
  const patientField = fields.text(8, 80);
  const recordingField = fields.text(88, 80);
  const variant = variantOf(fields.text(192, 44));
  const start = startOf(fields, variant, recordingField);
  const declaredRecords = fields.integer(236, 8, 'the number of data records');
  if (declaredRecords < -1) throw fields.error(236, 'a number of data records of −1 or more', String(declaredRecords));
  const recordDurationS = fields.decimal(244, 8, 'the duration of a data record in seconds');
  if (recordDurationS < 0) throw fields.error(244, 'a record duration of 0 s or more', String(recordDurationS));

  const block = readBytes(file, fd, FIXED_BYTES, SIGNAL_BYTES * signalCount, fileSize, `${signalCount} signal headers`);
  const bytesPerSample = kind === 'edf' ? 2 : 3;
  const signals = readSignalHeaders(new HeaderFields(file, block, FIXED_BYTES), signalCount, kind, bytesPerSample);
  const ordinary = signals.find((s) => !s.isAnnotation);
  if (ordinary !== undefined && recordDurationS === 0) {
    throw fields.error(244, 'a record duration above 0 s (only annotation-only files have 0)', '0');
  }
  const recordBytes = signals.reduce((sum, s) => sum + s.samplesPerRecord * bytesPerSample, 0);
  const warnings: string[] = [];
  const recordCount = countRecords(file, { headerBytes, recordBytes, declaredRecords, fileSize }, warnings);
  return {
    kind,
    variant,
    patientField,
    recordingField,
    start,
    headerBytes,
    recordCount,
    recordDurationS,
    signals,
    bytesPerSample,
    recordBytes,
    warnings,
  };
}

function readBytes(file: string, fd: number, position: number, length: number, fileSize: number, what: string): Buffer {
  if (fileSize < position + length) {
    throw new FormatError(file, { byteOffset: fileSize }, `expected ${what} (${length} bytes from byte ${position})`);
  }
  const bytes = Buffer.alloc(length);
  readSync(fd, bytes, 0, length, position);
  return bytes;
}

function versionKind(fields: HeaderFields, fixed: Buffer): EdfKind {
  if (fields.text(0, 8) === '0') return 'edf';
  if (fixed[0] === 0xff && fixed.toString('latin1', 1, 8) === 'BIOSEMI') return 'bdf';
  throw fields.error(0, 'the version "0" (EDF) or 0xFF "BIOSEMI" (BDF)', fixed.toString('latin1', 0, 8));
}

function variantOf(reserved: string): EdfVariant {
  const plus = /^(?:EDF|BDF)\+([CD])/.exec(reserved);
  if (plus === null) return 'plain';
  return plus[1] === 'D' ? 'discontinuous' : 'continuous';
}

function startOf(fields: HeaderFields, variant: EdfVariant, recordingField: string): CivilDateTime {
  const dateText = fields.text(168, 8);
  const timeText = fields.text(176, 8);
  const date = parseHeaderDate(dateText);
  if (date === null) throw fields.error(168, 'a start date dd.mm.yy', dateText);
  const time = parseHeaderTime(timeText);
  if (time === null) throw fields.error(176, 'a start time hh.mm.ss', timeText);
  // After 2084 EDF+ writes `yy` here and keeps the year only in the recording field's Startdate.
  const startdate = variant === 'plain' ? null : parseRecordingField(recordingField).startdate;
  const year = date.year ?? (startdate === null ? null : Number(startdate.slice(0, 4)));
  if (year === null) throw fields.error(168, 'a two-digit year, or "yy" with an EDF+ Startdate', dateText);
  if (!isCalendarDate(year, date.month, date.day)) throw fields.error(168, 'a calendar date', dateText);
  return { year, month: date.month, day: date.day, ...time };
}

function readSignalHeaders(
  fields: HeaderFields,
  count: number,
  kind: EdfKind,
  bytesPerSample: number,
): EdfSignalHeader[] {
  const [lowest, highest] = DIGITAL_RANGE[kind];
  const signals: EdfSignalHeader[] = [];
  let recordOffset = 0;
  for (let i = 0; i < count; i++) {
    const at = (blockOffset: number, width: number): number => blockOffset * count + width * i;
    const label = fields.text(at(0, 16), 16);
    const isAnnotation = ANNOTATION_LABELS.includes(label);
    const signal: EdfSignalHeader = {
      label,
      transducer: fields.text(at(16, 80), 80),
      units: fields.text(at(96, 8), 8),
      physicalMin: fields.decimal(at(104, 8), 8, `the physical minimum of signal ${i + 1}`),
      physicalMax: fields.decimal(at(112, 8), 8, `the physical maximum of signal ${i + 1}`),
      digitalMin: fields.integer(at(120, 8), 8, `the digital minimum of signal ${i + 1}`),
      digitalMax: fields.integer(at(128, 8), 8, `the digital maximum of signal ${i + 1}`),
      prefiltering: fields.text(at(136, 80), 80),
      samplesPerRecord: fields.integer(at(216, 8), 8, `the number of samples per record of signal ${i + 1}`),
      isAnnotation,
      recordOffset,
    };
    if (signal.samplesPerRecord < 1) {
      throw fields.error(
        at(216, 8),
        `at least 1 sample per record for signal ${i + 1}`,
        String(signal.samplesPerRecord),
      );
    }
    if (!isAnnotation) {
      if (signal.digitalMin < lowest) {
        throw fields.error(at(120, 8), `a digital minimum of ${lowest} or more`, String(signal.digitalMin));
      }
      if (signal.digitalMax > highest || signal.digitalMax <= signal.digitalMin) {
        const expected = `a digital maximum above the minimum and at most ${highest}`;
        throw fields.error(at(128, 8), expected, String(signal.digitalMax));
      }
      if (signal.physicalMax === signal.physicalMin) {
        const expected = `a physical maximum different from the minimum (${signal.physicalMin})`;
        throw fields.error(at(112, 8), expected, String(signal.physicalMax));
      }
    }
    signals.push(signal);
    recordOffset += signal.samplesPerRecord * bytesPerSample;
  }
  return signals;
}

interface RecordSizes {
  headerBytes: number;
  recordBytes: number;
  declaredRecords: number;
  fileSize: number;
}

function countRecords(file: string, sizes: RecordSizes, warnings: string[]): number {
  const { headerBytes, recordBytes, declaredRecords, fileSize } = sizes;
  const available = fileSize - headerBytes;
  const complete = Math.floor(available / recordBytes);
  const spare = available - complete * recordBytes;
  if (declaredRecords === -1) {
    if (spare > 0) warnings.push(`The last ${spare} bytes are an incomplete data record (still recording?); ignored.`);
    return complete;
  }
  if (complete < declaredRecords) {
    throw new FormatError(
      file,
      { byteOffset: headerBytes + complete * recordBytes },
      `expected ${declaredRecords} data records of ${recordBytes} bytes, the file is truncated after ${complete}`,
    );
  }
  const extra = available - declaredRecords * recordBytes;
  if (extra > 0) warnings.push(`${extra} bytes after the last data record were ignored.`);
  return declaredRecords;
}
