import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { AppError } from '../../errors';
import { EDF_ANNOTATIONS_LABEL } from './edf-header';
import { field, fitNumber, numberField } from './header-writer';
import { type EdfPatient, type EdfRecording, formatPatientField, formatRecordingField } from './identification';
import { encodeInt16 } from './sample-codec';
import { encodeTal } from './tal';

export interface EdfPlusExport {
  /** ISO 8601 local start time; a fraction of a second goes into the time-keeping TALs. */
  startTime: string | null;
  patient?: Partial<EdfPatient>;
  recording?: Partial<Omit<EdfRecording, 'startdate'>>;
  channels: readonly EdfExportChannel[];
  annotations?: readonly EdfExportAnnotation[];
}

export interface EdfExportChannel {
  /** EDF+ style `<type> <spec>`, e.g. `ECG II`; cut to 16 characters. */
  label: string;
  units: string;
  samplingRateHz: number;
  sampleCount: number;
  transducer?: string;
  prefiltering?: string;
  /** The range mapped onto −32768…32767; the data's own min/max when absent. */
  physicalRange?: { min: number; max: number };
  /**
   * Physical values of samples `[start, start + count)`. EDF has no missing-value code: NaN is
   * written as the digital minimum, which reads back as the physical minimum.
   */
  read(start: number, count: number): Float64Array;
}

export interface EdfExportAnnotation {
  /** Seconds after `startTime`. */
  onsetS: number;
  durationS: number | null;
  text: string;
  /** Written as `text@@label`, the convention readers use to link an annotation to a channel. */
  channelLabel?: string | null;
}

const DIGITAL_MIN = -32768;
const DIGITAL_MAX = 32767;
const LONGEST_RECORD_S = 60;
const BATCH_BYTES = 1 << 20;

interface SignalPlan {
  channel: EdfExportChannel;
  samplesPerRecord: number;
  physicalMin: string;
  physicalMax: string;
}

/**
 * Writes an EDF+C file: the channels as 16-bit signals plus one "EDF Annotations" signal with a
 * time-keeping TAL in every data record. The file appears under `path` only once complete.
 */
export function writeEdfPlus(path: string, data: EdfPlusExport): void {
  if (data.channels.length === 0) throw new AppError('invalid-request', 'An EDF+ export needs at least one channel.');
  const start = parseStart(data.startTime);
  const durationS = recordDuration(data.channels);
  const signals = data.channels.map((channel) => planSignal(channel, durationS));
  const recordCount = Math.max(1, ...signals.map((s) => Math.ceil(s.channel.sampleCount / s.samplesPerRecord)));
  const tals = annotationLists(data.annotations ?? [], recordCount, durationS, start.fractionS);
  const annotationSamples = Math.ceil(Math.max(...tals.map((list) => list.length)) / 2);
  const header = headerText(data, start, { durationS, recordCount, signals, annotationSamples });
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, Buffer.from(header, 'latin1'));
    writeRecords(fd, signals, tals, annotationSamples);
    closeSync(fd);
    renameSync(partial, path);
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
}

interface Start {
  date: string;
  time: string;
  startdate: string | null;
  fractionS: number;
}

function parseStart(startTime: string | null): Start {
  if (startTime === null) return { date: '01.01.85', time: '00.00.00', startdate: null, fractionS: 0 };
  const match = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(\.\d+)?/.exec(startTime);
  if (match === null) throw new AppError('invalid-request', `The start time "${startTime}" is not ISO 8601.`);
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '', fraction = ''] = match;
  // Two-digit years cover 1985–2084; outside them EDF+ writes `yy` and the recording field keeps the year.
  const yy = Number(year) >= 1985 && Number(year) <= 2084 ? year.slice(2) : 'yy';
  return {
    date: `${day}.${month}.${yy}`,
    time: `${hour}.${minute}.${second}`,
    startdate: `${year}-${month}-${day}`,
    fractionS: fraction === '' ? 0 : Number(`0${fraction}`),
  };
}

/** The shortest whole number of seconds that holds a whole number of samples of every channel. */
function recordDuration(channels: readonly EdfExportChannel[]): number {
  for (const channel of channels) {
    const { samplingRateHz: rate, sampleCount } = channel;
    if (!(Number.isFinite(rate) && rate > 0) || !(Number.isInteger(sampleCount) && sampleCount >= 0)) {
      throw new AppError('invalid-request', `Channel ${channel.label}: bad rate ${rate} Hz or count ${sampleCount}.`);
    }
  }
  for (let seconds = 1; seconds <= LONGEST_RECORD_S; seconds++) {
    const whole = channels.every(
      (c) => Math.abs(c.samplingRateHz * seconds - Math.round(c.samplingRateHz * seconds)) < 1e-6,
    );
    if (whole) return seconds;
  }
  const rates = channels.map((c) => c.samplingRateHz).join(', ');
  throw new AppError('invalid-request', `No record of 1–60 s holds a whole number of samples at ${rates} Hz.`);
}

function planSignal(channel: EdfExportChannel, durationS: number): SignalPlan {
  const given = channel.physicalRange;
  if (given !== undefined && !(given.min < given.max)) {
    throw new AppError('invalid-request', `Channel ${channel.label}: the physical range needs min < max.`);
  }
  const { min, max } = given ?? dataRange(channel);
  // A flat channel still needs a range EDF can scale by.
  const [low, high] = max > min ? [min, max] : [min - 1, max + 1];
  return {
    channel,
    samplesPerRecord: Math.round(channel.samplingRateHz * durationS),
    physicalMin: fitNumber(low, 8, 'down'),
    physicalMax: fitNumber(high, 8, 'up'),
  };
}

function dataRange(channel: EdfExportChannel): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  const step = 1 << 16;
  for (let first = 0; first < channel.sampleCount; first += step) {
    const values = channel.read(first, Math.min(step, channel.sampleCount - first));
    for (const value of values) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return min <= max ? { min, max } : { min: -1, max: 1 };
}

/** Each data record's annotation bytes: its time-keeping TAL, then the TALs whose onset falls in it. */
function annotationLists(
  annotations: readonly EdfExportAnnotation[],
  recordCount: number,
  durationS: number,
  fractionS: number,
): Buffer[] {
  const lists: Buffer[][] = Array.from({ length: recordCount }, (_, record) => [
    encodeTal(record * durationS + fractionS, null, ['']),
  ]);
  for (const annotation of annotations) {
    const onsetS = annotation.onsetS + fractionS;
    const record = Math.min(recordCount - 1, Math.max(0, Math.floor(onsetS / durationS)));
    const label = annotation.channelLabel ?? '';
    const text = label === '' ? annotation.text : `${annotation.text}@@${label}`;
    lists[record]?.push(encodeTal(onsetS, annotation.durationS, [text]));
  }
  return lists.map((list) => Buffer.concat(list));
}

interface Layout {
  durationS: number;
  recordCount: number;
  signals: readonly SignalPlan[];
  annotationSamples: number;
}

interface SignalFields {
  label: string;
  transducer: string;
  units: string;
  physicalMin: string;
  physicalMax: string;
  prefiltering: string;
  samplesPerRecord: number;
}

function headerText(data: EdfPlusExport, start: Start, layout: Layout): string {
  const annotations: SignalFields = {
    label: EDF_ANNOTATIONS_LABEL,
    transducer: '',
    units: '',
    physicalMin: '-1',
    physicalMax: '1',
    prefiltering: '',
    samplesPerRecord: layout.annotationSamples,
  };
  const all: SignalFields[] = [
    ...layout.signals.map(({ channel, ...plan }) => ({
      ...plan,
      label: channel.label,
      transducer: channel.transducer ?? '',
      units: channel.units,
      prefiltering: channel.prefiltering ?? '',
    })),
    annotations,
  ];
  return [
    field('0', 8),
    field(formatPatientField(data.patient ?? {}), 80),
    field(formatRecordingField(start.startdate, data.recording ?? {}), 80),
    field(start.date, 8),
    field(start.time, 8),
    numberField(256 * (all.length + 1), 8),
    field('EDF+C', 44),
    numberField(layout.recordCount, 8),
    numberField(layout.durationS, 8),
    numberField(all.length, 4),
    ...all.map((s) => field(s.label, 16)),
    ...all.map((s) => field(s.transducer, 80)),
    ...all.map((s) => field(s.units, 8)),
    ...all.map((s) => field(s.physicalMin, 8)),
    ...all.map((s) => field(s.physicalMax, 8)),
    ...all.map(() => field(String(DIGITAL_MIN), 8)),
    ...all.map(() => field(String(DIGITAL_MAX), 8)),
    ...all.map((s) => field(s.prefiltering, 80)),
    ...all.map((s) => numberField(s.samplesPerRecord, 8)),
    ...all.map(() => field('', 32)),
  ].join('');
}

/** Data records a batch at a time: each channel is read once per batch, not once per record. */
function writeRecords(
  fd: number,
  signals: readonly SignalPlan[],
  tals: readonly Buffer[],
  annotationSamples: number,
): void {
  const recordBytes = 2 * (signals.reduce((sum, s) => sum + s.samplesPerRecord, 0) + annotationSamples);
  const perBatch = Math.max(1, Math.floor(BATCH_BYTES / recordBytes));
  const batch = Buffer.alloc(perBatch * recordBytes);
  for (let first = 0; first < tals.length; first += perBatch) {
    const records = Math.min(perBatch, tals.length - first);
    batch.fill(0);
    let signalOffset = 0;
    for (const signal of signals) {
      const digital = digitalSamples(signal, first * signal.samplesPerRecord, records * signal.samplesPerRecord);
      for (let record = 0; record < records; record++) {
        const part = digital.subarray(record * signal.samplesPerRecord, (record + 1) * signal.samplesPerRecord);
        encodeInt16(part, batch, record * recordBytes + signalOffset);
      }
      signalOffset += 2 * signal.samplesPerRecord;
    }
    for (let record = 0; record < records; record++)
      tals[first + record]?.copy(batch, record * recordBytes + signalOffset);
    writeSync(fd, batch, 0, records * recordBytes);
  }
}

/** Physical → digital on the signal's written range; samples past the channel's end pad with the minimum. */
function digitalSamples(signal: SignalPlan, start: number, count: number): Float64Array {
  const pmin = Number(signal.physicalMin);
  const scale = (DIGITAL_MAX - DIGITAL_MIN) / (Number(signal.physicalMax) - pmin);
  const available = Math.max(0, Math.min(count, signal.channel.sampleCount - start));
  const digital = new Float64Array(count).fill(DIGITAL_MIN);
  const physical = available > 0 ? signal.channel.read(start, available) : new Float64Array(0);
  for (let i = 0; i < available; i++) {
    const value = Math.round(((physical[i] as number) - pmin) * scale + DIGITAL_MIN);
    digital[i] = Number.isNaN(value) ? DIGITAL_MIN : Math.min(DIGITAL_MAX, Math.max(DIGITAL_MIN, value));
  }
  return digital;
}
