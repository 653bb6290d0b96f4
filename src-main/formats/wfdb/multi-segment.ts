import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorMessage } from '../../errors';
import { FormatError } from '../format-error';
import {
  effectiveGain,
  parseHeader,
  type WfdbMultiSegmentHeader,
  type WfdbSignalSpec,
  type WfdbSingleSegmentHeader,
} from './header';
import { SegmentSignals } from './segment-signals';

/** Segment readers kept open at once; older ones are closed (their files reopen when read again). */
const OPEN_SEGMENTS = 8;

interface Segment {
  /** First frame of the segment in the record. */
  start: number;
  frameCount: number;
  /** Null for a null segment (`~`), which reads as NaN. */
  header: WfdbSingleSegmentHeader | null;
  headerPath: string;
  /** For each record channel, the segment's signal index, or −1 when the segment lacks it. */
  signalOf: Int32Array;
  /** Per channel: digital values convert as trunc(v · scale + offset); scale 1, offset 0 when they already agree. */
  scale: Float64Array;
  offset: Float64Array;
}

/**
 * A multi-segment record: segments read one after another. With a layout segment (a first
 * segment of length 0) the layout's signals are the record's, matched by name in every later
 * segment, with missing ones NaN (variable layout); without one, every segment has the first
 * segment's signals in the same order (fixed layout). Samples are rescaled to the record
 * channel's gain and baseline the way the WFDB library's sigmap does it (truncating).
 */
export class MultiSegmentSignals {
  readonly frameCount: number;
  /** The record's signals: the layout's, or the first segment's. */
  readonly signals: readonly WfdbSignalSpec[];
  readonly variableLayout: boolean;
  private readonly segments: Segment[];
  private readonly open = new Map<number, SegmentSignals>();
  private readonly warn: (message: string) => void;
  private closedBytes = 0;

  constructor(header: WfdbMultiSegmentHeader, headerPath: string, warn: (message: string) => void) {
    this.warn = warn;
    const directory = dirname(headerPath);
    const parsed = new Map<string, WfdbSingleSegmentHeader>();
    const load = (name: string, line: number): { header: WfdbSingleSegmentHeader; path: string } => {
      const path = resolve(directory, `${name}.hea`);
      let segmentHeader = parsed.get(path);
      if (segmentHeader === undefined) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch (error) {
          throw new FormatError(
            headerPath,
            { line },
            `expected the segment header ${name}.hea next to the record header (${errorMessage(error)})`,
          );
        }
        const result = parseHeader(bytes, path);
        if (result.kind !== 'single') {
          throw new FormatError(
            path,
            { line: result.record.line },
            'expected a single-segment header for a segment (segments do not nest)',
          );
        }
        checkFrameRate(result, header, path);
        for (const w of result.warnings) warn(`${path}: ${w}`);
        segmentHeader = result;
        parsed.set(path, result);
      }
      return { header: segmentHeader, path };
    };

    const first = header.segments[0];
    const layout =
      first !== undefined && first.name !== null && first.frameCount === 0 ? load(first.name, first.line) : null;
    const firstData = header.segments.find((s) => s.name !== null && s.frameCount > 0);
    const reference = layout ?? (firstData?.name == null ? null : load(firstData.name, firstData.line));
    this.variableLayout = layout !== null;
    this.signals = reference?.header.signals ?? [];
    if (this.signals.length !== header.record.signalCount) {
      warn(
        `${headerPath}: the record line says ${header.record.signalCount} signals; the ${layout ? 'layout' : 'first'} segment has ${this.signals.length}`,
      );
    }

    const channels = this.signals.length;
    this.segments = [];
    let start = 0;
    for (const spec of header.segments) {
      const segment: Segment = {
        start,
        frameCount: spec.frameCount,
        header: null,
        headerPath: '',
        signalOf: new Int32Array(channels).fill(-1),
        scale: new Float64Array(channels).fill(1),
        offset: new Float64Array(channels),
      };
      start += spec.frameCount;
      if (spec.name !== null && spec.frameCount > 0) {
        const loaded = load(spec.name, spec.line);
        segment.header = loaded.header;
        segment.headerPath = loaded.path;
        this.mapSignals(segment, loaded.header.signals, loaded.path);
      }
      this.segments.push(segment);
    }
    this.frameCount = start;
  }

  private mapSignals(segment: Segment, signals: readonly WfdbSignalSpec[], path: string): void {
    signals.forEach((signal, i) => {
      // Variable layout: by name, as sigmap does (the first layout signal of that name; a later
      // segment signal of the same name wins). Fixed layout: by position.
      const channel = this.variableLayout
        ? this.signals.findIndex((s) => s.description !== null && s.description === signal.description)
        : i < this.signals.length
          ? i
          : -1;
      const target = this.signals[channel];
      if (target === undefined) return;
      if (target.samplesPerFrame !== signal.samplesPerFrame) {
        throw new FormatError(
          path,
          { line: signal.line },
          `expected ${target.samplesPerFrame} samples per frame for ${signal.description ?? `signal ${i}`}, as the record's signal ${channel} has, found ${signal.samplesPerFrame}`,
        );
      }
      segment.signalOf[channel] = i;
      const gain = effectiveGain(target.gain);
      const segmentGain = effectiveGain(signal.gain);
      if (gain !== segmentGain || target.baseline !== signal.baseline) {
        const scale = gain / segmentGain;
        segment.scale[channel] = scale;
        segment.offset[channel] = target.baseline - scale * signal.baseline;
      }
    });
  }

  read(channel: number, start: number, count: number, out: Float64Array, outOffset: number): void {
    const spf = this.signals[channel]?.samplesPerFrame ?? 1;
    const end = start + count;
    let k = this.segmentAt(Math.floor(Math.max(start, 0) / spf));
    out.fill(NaN, outOffset, outOffset + count);
    for (; k < this.segments.length; k++) {
      const segment = this.segments[k];
      if (segment === undefined) break;
      const segmentStart = segment.start * spf;
      const segmentEnd = (segment.start + segment.frameCount) * spf;
      if (segmentStart >= end) break;
      const from = Math.max(start, segmentStart);
      const to = Math.min(end, segmentEnd);
      const signal = segment.signalOf[channel] ?? -1;
      if (from >= to || signal < 0) continue;
      const reader = this.reader(k);
      const at = outOffset + (from - start);
      reader.read(signal, from - segmentStart, to - from, out, at);
      const scale = segment.scale[channel] ?? 1;
      const offset = segment.offset[channel] ?? 0;
      if (scale !== 1 || offset !== 0) {
        for (let o = at; o < at + (to - from); o++) out[o] = Math.trunc((out[o] ?? NaN) * scale + offset);
      }
    }
  }

  /** Reads every segment through once, so every segment's checksums get checked. */
  checkAll(): void {
    this.segments.forEach((segment, k) => {
      if (segment.header !== null) this.reader(k).checkAll();
    });
  }

  bytesRead(): number {
    let sum = this.closedBytes;
    for (const reader of this.open.values()) sum += reader.bytesRead();
    return sum;
  }

  close(): void {
    for (const reader of this.open.values()) {
      this.closedBytes += reader.bytesRead();
      reader.close();
    }
    this.open.clear();
  }

  /** Index of the segment holding frame `frame` (binary search on segment starts). */
  private segmentAt(frame: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.segments[mid]?.start ?? 0) <= frame) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private reader(k: number): SegmentSignals {
    const existing = this.open.get(k);
    if (existing !== undefined) {
      this.open.delete(k);
      this.open.set(k, existing);
      return existing;
    }
    const segment = this.segments[k];
    if (segment?.header == null) throw new Error(`segment ${k} has no signals`);
    const reader = new SegmentSignals(segment.header, segment.headerPath, this.warn);
    this.open.set(k, reader);
    if (this.open.size > OPEN_SEGMENTS) {
      const [oldest, oldReader] = this.open.entries().next().value ?? [];
      if (oldest !== undefined && oldReader !== undefined) {
        this.closedBytes += oldReader.bytesRead();
        oldReader.close();
        this.open.delete(oldest);
      }
    }
    return reader;
  }
}

function checkFrameRate(segment: WfdbSingleSegmentHeader, record: WfdbMultiSegmentHeader, path: string): void {
  const a = segment.record.samplingFrequency;
  const b = record.record.samplingFrequency;
  if (Math.abs(a - b) > 1e-9 * Math.max(a, b)) {
    throw new FormatError(
      path,
      { line: segment.record.line },
      `expected the record's frame rate of ${b} Hz for every segment, found ${a} Hz`,
    );
  }
}
