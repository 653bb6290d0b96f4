import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import { readSourceFile } from '../source-files';
import type { SourceAnnotation, SourceChannel, SourceRecord } from '../record-source';
import { readAnnotations, type DecodedAnnotations } from './annotations';
import { effectiveGain, headerStartTime, parseHeader, type WfdbHeader, type WfdbSignalSpec } from './header';
import { MultiSegmentSignals } from './multi-segment';
import { SegmentSignals } from './segment-signals';

/** One annotation file of a record, decoded. */
export interface WfdbAnnotator {
  /** The annotator name: the file's extension (`atr`, `qrs`, `ii`). */
  annotator: string;
  path: string;
  annotations: SourceAnnotation[];
  decoded: DecodedAnnotations;
}

export interface WfdbRecord extends SourceRecord {
  readonly header: WfdbHeader;
  readonly headerPath: string;
  /** The record's signals as its header (or, for a multi-segment record, its layout or first segment) describes them. */
  readonly signals: readonly WfdbSignalSpec[];
  /**
   * Reads every stored sample once, so each file's checksums and initial values are checked (a
   * sequential read through the whole record checks them too). Returns the record's warnings.
   */
  verify(): readonly string[];
  /** Every annotation file beside the header, decoded; files that do not decode become warnings. */
  annotators(): readonly WfdbAnnotator[];
  /** Bytes read from signal files so far. */
  bytesRead(): number;
}

interface SignalSource {
  frameCount: number;
  read(signal: number, start: number, count: number, out: Float64Array, outOffset: number): void;
  checkAll(): void;
  bytesRead(): number;
  close(): void;
}

/** Extensions beside a record that are never annotation files. */
const NOT_ANNOTATIONS = new Set([
  'hea', 'dat', 'mat', 'edf', 'bdf', 'rec', 'csv', 'tsv', 'txt', 'json', 'xml', 'html', 'pdf', 'png', 'jpg', 'jpeg',
  'gz', 'zip', 'md', 'npy', 'npz', 'wav', 'flac', 'info', 'log', 'sh', 'py', 'ts', 'js', 'bak', 'tmp',
]); // prettier-ignore

/**
 * Opens a WFDB record by its header: single-segment or multi-segment, every storage format the
 * spec lists. Signal files stay open (random access, window by window) until close().
 */
export function openWfdbRecord(heaPath: string): WfdbRecord {
  const header = parseHeader(readSourceFile(heaPath, 'a readable WFDB header'), heaPath);
  return new WfdbRecordSource(header, heaPath);
}

class WfdbRecordSource implements WfdbRecord {
  readonly format = 'wfdb' as const;
  readonly name: string;
  readonly startTime: string | null;
  readonly frameRateHz: number;
  readonly frameCount: number;
  readonly patientId = null;
  readonly channels: readonly SourceChannel[];
  readonly info: readonly string[];
  readonly header: WfdbHeader;
  readonly headerPath: string;
  readonly signals: readonly WfdbSignalSpec[];
  private readonly warningList: string[] = [];
  private readonly source: SignalSource;
  private closed = false;
  private annotatorCache: WfdbAnnotator[] | null = null;

  constructor(header: WfdbHeader, headerPath: string) {
    this.header = header;
    this.headerPath = headerPath;
    const warn = (message: string): void => {
      if (!this.warningList.includes(message)) this.warningList.push(message);
    };
    for (const w of header.warnings) warn(`${headerPath}: ${w}`);
    if (header.kind === 'single') {
      this.source = new SegmentSignals(header, headerPath, warn);
      this.signals = header.signals;
    } else {
      const multi = new MultiSegmentSignals(header, headerPath, warn);
      this.source = multi;
      this.signals = multi.signals;
    }
    this.name = header.record.name;
    this.startTime = headerStartTime(header.record);
    this.frameRateHz = header.record.samplingFrequency;
    this.frameCount = this.source.frameCount;
    this.info = header.info;
    this.channels = this.signals.map((signal, i) => {
      if (!Number.isSafeInteger(this.frameCount * signal.samplesPerFrame)) {
        this.source.close();
        throw new FormatError(
          headerPath,
          { line: header.record.line },
          `expected a record length whose sample count fits in 2^53 (${this.frameCount} frames × ${signal.samplesPerFrame})`,
        );
      }
      if (signal.gain === 0) {
        warn(
          `signal ${i} (${signal.description ?? 'unnamed'}) is uncalibrated (gain 0); read with WFDB's default gain of 200`,
        );
      }
      return {
        name: signal.description ?? `signal ${i}`,
        units: signal.units,
        gain: effectiveGain(signal.gain),
        baseline: signal.baseline,
        adcResolution: signal.adcResolution,
        samplingRateHz: this.frameRateHz * signal.samplesPerFrame,
        sampleCount: this.frameCount * signal.samplesPerFrame,
      };
    });
  }

  get warnings(): readonly string[] {
    return this.warningList;
  }

  readSamples(channel: number, start: number, count: number): Float64Array {
    if (this.closed) throw new AppError('invalid-request', `record ${this.name} is closed`);
    const info = this.channels[channel];
    if (info === undefined || !Number.isInteger(channel)) {
      throw new AppError(
        'invalid-request',
        `record ${this.name} has no channel ${channel} (it has ${this.channels.length})`,
      );
    }
    if (
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(count) ||
      start < 0 ||
      count < 0 ||
      start + count > info.sampleCount
    ) {
      throw new AppError(
        'invalid-request',
        `samples [${start}, ${start + count}) are outside channel ${channel} of record ${this.name} (${info.sampleCount} samples)`,
      );
    }
    const out = new Float64Array(count);
    this.source.read(channel, start, count, out, 0);
    return out;
  }

  annotations(): readonly SourceAnnotation[] {
    const all = this.annotators();
    return (all.find((a) => a.annotator === 'atr') ?? all[0])?.annotations ?? [];
  }

  annotators(): readonly WfdbAnnotator[] {
    if (this.annotatorCache === null) {
      const channelNames = this.channels.map((c) => c.name);
      const { annotators, warnings } = readAnnotators(this.headerPath, this.header, this.frameRateHz, channelNames);
      this.annotatorCache = annotators;
      this.warningList.push(...warnings);
    }
    return this.annotatorCache;
  }

  verify(): readonly string[] {
    if (this.closed) throw new AppError('invalid-request', `record ${this.name} is closed`);
    this.source.checkAll();
    return this.warningList;
  }

  bytesRead(): number {
    return this.source.bytesRead();
  }

  close(): void {
    this.closed = true;
    this.source.close();
  }
}

/**
 * The annotation files of a record: files beside the header named `<stem>.<annotator>`, other
 * than the header, its signal files and common non-annotation extensions; sorted by annotator.
 */
export function findAnnotationFiles(heaPath: string, header?: WfdbHeader): { annotator: string; path: string }[] {
  const directory = dirname(heaPath);
  const stem = basename(heaPath).replace(/\.hea$/i, '');
  const signalFiles = new Set(header?.kind === 'single' ? header.signals.map((s) => s.fileName) : []);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(`${stem}.`) && !signalFiles.has(name))
    .map((name) => ({ annotator: name.slice(stem.length + 1), path: join(directory, name) }))
    .filter(({ annotator }) => /^[A-Za-z0-9_]+$/.test(annotator) && !NOT_ANNOTATIONS.has(annotator.toLowerCase()))
    .sort((a, b) => (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0));
}

/**
 * Every annotation file of the record at heaPath, decoded, without opening its signal files
 * (they may be absent). Files that do not decode are left out.
 */
export function readRecordAnnotators(heaPath: string): WfdbAnnotator[] {
  const header = parseHeader(readSourceFile(heaPath, 'a readable WFDB header'), heaPath);
  const signals =
    header.kind === 'single' ? header.signals : new MultiSegmentSignals(header, heaPath, () => undefined).signals;
  const names = signals.map((signal, i) => signal.description ?? `signal ${i}`);
  return readAnnotators(heaPath, header, header.record.samplingFrequency, names).annotators;
}

function readAnnotators(
  heaPath: string,
  header: WfdbHeader,
  frameRateHz: number,
  channelNames: readonly string[],
): { annotators: WfdbAnnotator[]; warnings: string[] } {
  const annotators: WfdbAnnotator[] = [];
  const warnings: string[] = [];
  for (const { annotator, path } of findAnnotationFiles(heaPath, header)) {
    try {
      const decoded = readAnnotations(path);
      warnings.push(...decoded.warnings);
      const { annotations, dropped } = toSourceAnnotations(decoded, annotator, frameRateHz, channelNames);
      if (dropped > 0) warnings.push(`${path}: ${dropped} annotations before the start of the record were left out`);
      annotators.push({ annotator, path, annotations, decoded });
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      warnings.push(`${path} was not read as an annotation file: ${error.message}`);
    }
  }
  return { annotators, warnings };
}

/**
 * The annotations a person sees, at the record's frame rate. An annotator named after a signal
 * (LUDB's per-lead `.ii`) refers to that signal when the file leaves chan at 0; otherwise chan is
 * the signal index, and 255 (or a chan the record lacks) means the whole record.
 */
export function toSourceAnnotations(
  decoded: DecodedAnnotations,
  annotator: string,
  frameRateHz: number,
  channelNames: readonly string[],
): { annotations: SourceAnnotation[]; dropped: number } {
  const resolution = decoded.timeResolution;
  const scale = resolution !== null && resolution !== frameRateHz ? frameRateHz / resolution : 1;
  const lead = channelNames.findIndex((name) => name.toLowerCase() === annotator.toLowerCase());
  const annotations: SourceAnnotation[] = [];
  let dropped = 0;
  for (const a of decoded.annotations) {
    const sample = scale === 1 ? a.sample : Math.floor(a.sample * scale + 0.5);
    if (sample < 0) {
      dropped++;
      continue;
    }
    const channel = lead >= 0 && a.chan === 0 ? lead : a.chan < channelNames.length && a.chan !== 255 ? a.chan : null;
    annotations.push({
      sample,
      endSample: null,
      channel,
      code: a.code,
      symbol: a.symbol,
      subtype: a.subtype,
      aux: a.text,
    });
  }
  return { annotations, dropped };
}
