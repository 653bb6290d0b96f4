import { closeSync, fstatSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { openSourceFile } from '../source-files';
import type { SourceAnnotation, SourceChannel, SourceRecord } from '../record-source';
import { scanAnnotations, toSourceAnnotations } from './edf-annotations';
import { shiftedIsoTime } from './edf-dates';
import { type EdfHeader, type EdfKind, type EdfSignalHeader, type EdfVariant, readEdfHeader } from './edf-header';
import { FileWindow, MAX_VIEW_BYTES, readAheadFor } from './file-window';
import { type EdfPatient, type EdfRecording, parsePatientField, parseRecordingField } from './identification';
import { placeRecords } from './record-placement';
import type { RecordTimeline } from './record-timeline';
import { decodeSamples } from './sample-codec';

/**
 * EDF, EDF+ (continuous and discontinuous), BDF and BDF+ as a `SourceRecord`.
 *
 * - Channels are the ordinary signals; "EDF/BDF Annotations" signals become `annotations()`.
 * - The frame rate is the largest rate every channel is a whole multiple of: gcd(samples per
 *   record) ÷ record duration (200 Hz for 200 Hz channels, 1 Hz for 1000/800/500/975/999 Hz).
 *   An annotation-only file has no channels and uses 1000 frames per second (millisecond onsets).
 * - EDF+D: each data record sits at its time-keeping TAL's onset, rounded to the frame rate; the
 *   samples between records read as NaN, and a channel's sample count spans the whole timeline.
 * - `readSamples` gives EDF's digital values; `(d − baseline) / gain` is the physical value
 *   `pmin + (d − dmin)(pmax − pmin)/(dmax − dmin)`, so gain is negative when pmax < pmin, and
 *   the baseline need not be an integer (−0.5 for the usual ±32767.5 range). EDF names no ADC
 *   resolution: `adcResolution` is the bits the digital range spans.
 * - Only the data records a window needs are read, so a 24-hour file imports chunk by chunk.
 */
export interface EdfRecord extends SourceRecord {
  readonly edf: EdfDetails;
}

/** Header information the importer does not map onto `SourceRecord`, for exports and display. */
export interface EdfDetails {
  kind: EdfKind;
  variant: EdfVariant;
  /** EDF+ patient subfields; null for plain EDF, whose patient field is free text. */
  patient: EdfPatient | null;
  recording: EdfRecording | null;
  patientField: string;
  recordingField: string;
  recordCount: number;
  recordDurationS: number;
  /** One per channel, in channel order. */
  signals: readonly EdfSignalInfo[];
}

export type EdfSignalInfo = Omit<EdfSignalHeader, 'isAnnotation' | 'recordOffset'>;

/** Frames per second of an annotation-only file, fine enough for TAL onsets in milliseconds. */
const ANNOTATION_ONLY_FRAME_RATE_HZ = 1000;

export function openEdfRecord(path: string): EdfRecord {
  const fd = openSourceFile(path);
  try {
    return readRecord(path, fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function readRecord(path: string, fd: number): EdfRecord {
  const fileSize = fstatSync(fd).size;
  const header = readEdfHeader(path, fd, fileSize);
  const window = new FileWindow(path, fd, fileSize);
  const scan = scanAnnotations(path, header, window);
  const signals = header.signals.filter((s) => !s.isAnnotation);
  const frame = frameOf(header, signals);
  const warnings = [...header.warnings];
  const placement = placeRecords(path, header, scan, frame, warnings);
  const { timeline } = placement;
  const startTime = shiftedIsoTime(header.start, placement.originText);
  if (startTime === null) {
    const at = scan.timekeeping[0]?.byteOffset ?? 168;
    throw new FormatError(path, { byteOffset: at }, `expected a start time, found onset ${placement.originText}`);
  }
  const channels = signals.map((s) => toChannel(s, header, timeline, frame.perRecord));
  const labels = signals.map((s) => s.label);
  const annotations = toSourceAnnotations(scan.annotated, placement.originS, frame.rateHz, labels);
  const plus = header.variant !== 'plain';
  const patient = plus ? parsePatientField(header.patientField) : null;
  const reader = new SampleReader(fd, window, header, timeline, signals, channels);
  return {
    name: basename(path, extname(path)),
    format: header.kind,
    startTime,
    frameRateHz: frame.rateHz,
    frameCount: timeline.frameCount,
    patientId: patient?.code ?? null,
    channels,
    info: [header.patientField, header.recordingField].filter((field) => field !== ''),
    warnings,
    readSamples: (channel, start, count) => reader.read(channel, start, count),
    annotations: (): readonly SourceAnnotation[] => annotations,
    close: () => reader.close(),
    edf: {
      kind: header.kind,
      variant: header.variant,
      patient,
      recording: plus ? parseRecordingField(header.recordingField) : null,
      patientField: header.patientField,
      recordingField: header.recordingField,
      recordCount: header.recordCount,
      recordDurationS: header.recordDurationS,
      signals: signals.map(({ isAnnotation: _a, recordOffset: _o, ...info }) => info),
    },
  };
}

function frameOf(header: EdfHeader, signals: readonly EdfSignalHeader[]): { rateHz: number; perRecord: number } {
  if (signals.length === 0) {
    const rateHz = ANNOTATION_ONLY_FRAME_RATE_HZ;
    return { rateHz, perRecord: Math.round(header.recordDurationS * rateHz) };
  }
  const perRecord = signals.reduce((divisor, s) => gcd(divisor, s.samplesPerRecord), 0);
  return { rateHz: perRecord / header.recordDurationS, perRecord };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function toChannel(
  signal: EdfSignalHeader,
  header: EdfHeader,
  timeline: RecordTimeline,
  framesPerRecord: number,
): SourceChannel {
  const { physicalMin: pmin, physicalMax: pmax, digitalMin: dmin, digitalMax: dmax } = signal;
  return {
    name: signal.label,
    units: signal.units,
    gain: (dmax - dmin) / (pmax - pmin),
    baseline: (dmin * pmax - dmax * pmin) / (pmax - pmin),
    adcResolution: Math.round(Math.log2(dmax - dmin + 1)),
    samplingRateHz: signal.samplesPerRecord / header.recordDurationS,
    sampleCount: timeline.frameCount * (signal.samplesPerRecord / framesPerRecord),
  };
}

/** Random access to one file's channels, reading only the data records a window covers. */
class SampleReader {
  private open = true;

  constructor(
    private readonly fd: number,
    private readonly window: FileWindow,
    private readonly header: EdfHeader,
    private readonly timeline: RecordTimeline,
    private readonly signals: readonly EdfSignalHeader[],
    private readonly channels: readonly SourceChannel[],
  ) {}

  read(channel: number, start: number, count: number): Float64Array {
    const signal = this.signals[channel];
    const sampleCount = this.channels[channel]?.sampleCount ?? 0;
    if (!this.open) throw new AppError('invalid-request', 'The EDF file has been closed.');
    if (signal === undefined || !isWindow(start, count, sampleCount)) {
      throw new AppError('invalid-request', `No samples [${start}, ${start + count}) in channel ${channel}.`);
    }
    const { headerBytes, recordBytes, bytesPerSample } = this.header;
    const out = new Float64Array(count).fill(Number.NaN);
    const samplesPerFrame = signal.samplesPerRecord / this.timeline.framesPerRecord;
    const readAhead = readAheadFor(recordBytes);
    const maxSamples = Math.floor(MAX_VIEW_BYTES / bytesPerSample);
    this.timeline.forEachPiece(samplesPerFrame, start, start + count, (record, from, to, outIndex) => {
      const recordPosition = headerBytes + record * recordBytes + signal.recordOffset;
      for (let first = from; first < to; first += maxSamples) {
        const samples = Math.min(maxSamples, to - first);
        const position = recordPosition + first * bytesPerSample;
        const { bytes, index } = this.window.view(position, samples * bytesPerSample, readAhead);
        decodeSamples(bytes, index, samples, bytesPerSample, out, outIndex + first - from);
      }
    });
    return out;
  }

  close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }
}

function isWindow(start: number, count: number, sampleCount: number): boolean {
  return Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0 && start + count <= sampleCount;
}
