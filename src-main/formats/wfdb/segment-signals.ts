import { dirname, resolve } from 'node:path';
import { errorMessage } from '../../errors';
import { FormatError } from '../format-error';
import type { WfdbSingleSegmentHeader } from './header';
import { SignalFile, type FileMember } from './signal-file';
import { invalidSampleValue } from './storage-formats';

/** Where one header signal's samples live. */
interface ChannelSource {
  file: SignalFile | null;
  position: number;
  samplesPerFrame: number;
  skew: number;
  /** The stored value that reads as NaN (0.5 when the format has none: it never matches). */
  invalid: number;
}

/**
 * The signals of one single-segment record (or one segment of a multi-segment record), read
 * window by window in each signal's own sample index. Frames are counted as the WFDB C library
 * counts them: with skew, sample k of a signal is stored at frame k + skew, so a record has
 * (stored frames − largest skew) frames.
 */
export class SegmentSignals {
  /** Readable frames, after skew correction. */
  readonly frameCount: number;
  /** Frames the signal files hold. */
  readonly storedFrames: number;
  readonly files: readonly SignalFile[];
  private readonly sources: ChannelSource[];

  constructor(header: WfdbSingleSegmentHeader, headerPath: string, warn: (message: string) => void) {
    const directory = dirname(headerPath);
    const files: SignalFile[] = [];
    const sources: ChannelSource[] = [];
    try {
      let i = 0;
      while (i < header.signals.length) {
        const first = header.signals[i];
        if (first === undefined) break;
        let end = i + 1;
        while (end < header.signals.length && header.signals[end]?.fileName === first.fileName) end++;
        const group = header.signals.slice(i, end);
        if (first.format === 0 || first.fileName === '~') {
          for (const signal of group) {
            sources.push({ file: null, position: 0, samplesPerFrame: signal.samplesPerFrame, skew: 0, invalid: 0.5 });
          }
        } else {
          const members: FileMember[] = [];
          let position = 0;
          group.forEach((signal, k) => {
            const index = i + k;
            members.push({
              signal: index,
              label: signal.description === null ? `signal ${index}` : `signal ${index} (${signal.description})`,
              position,
              samplesPerFrame: signal.samplesPerFrame,
              skew: signal.skew,
              chainStart: signal.initValue ?? signal.adcZero,
              initValue: signal.initValue,
              checksum: signal.checksum,
            });
            position += signal.samplesPerFrame;
          });
          const path = resolve(directory, first.fileName);
          let opened: { fd: number; size: number };
          try {
            opened = SignalFile.openFile(path);
          } catch (error) {
            throw new FormatError(
              headerPath,
              { line: first.line },
              `expected the signal file ${first.fileName} next to the header (${errorMessage(error)})`,
            );
          }
          const file = new SignalFile(path, first.format, first.byteOffset, members, warn, opened);
          files.push(file);
          const invalid = invalidSampleValue(first.format) ?? 0.5;
          for (const m of members) {
            sources.push({ file, position: m.position, samplesPerFrame: m.samplesPerFrame, skew: m.skew, invalid });
          }
        }
        i = end;
      }

      const fromFiles = files.length === 0 ? 0 : Math.min(...files.map((f) => f.framesInFile()));
      this.storedFrames = header.record.frameCount ?? fromFiles;
      for (const file of files) file.setStoredFrames(this.storedFrames);
    } catch (error) {
      for (const file of files) file.close();
      throw error;
    }
    const maxSkew = Math.max(0, ...sources.map((s) => s.skew));
    this.frameCount = Math.max(0, this.storedFrames - maxSkew);
    this.files = files;
    this.sources = sources;
  }

  /**
   * Digital samples [start, start + count) of a signal into out[outOffset …], NaN for the
   * invalid value and for samples outside the record.
   */
  read(signal: number, start: number, count: number, out: Float64Array, outOffset: number): void {
    const source = this.sources[signal];
    const spf = source?.samplesPerFrame ?? 1;
    const total = this.frameCount * spf;
    const from = Math.min(Math.max(start, 0), start + count);
    const to = Math.max(Math.min(start + count, total), from);
    if (source?.file == null || from >= to) {
      out.fill(NaN, outOffset, outOffset + count);
      return;
    }
    out.fill(NaN, outOffset, outOffset + (from - start));
    out.fill(NaN, outOffset + (to - start), outOffset + count);

    const file = source.file;
    const firstFrame = Math.floor(from / spf);
    const endFrame = Math.floor((to - 1) / spf) + 1;
    // Decode what every signal of the file needs for the same frames, so the next signal's read
    // (an import goes channel by channel, chunk by chunk) is served from the cache; at the
    // record's edges, take the skewed frames too, so the checksum sees every stored frame.
    file.window(
      firstFrame + source.skew,
      endFrame + source.skew,
      firstFrame === 0 ? 0 : firstFrame + file.minSkew,
      endFrame >= this.frameCount ? file.storedFrames : endFrame + file.maxSkew,
    );

    const data = file.cache;
    const size = file.frameSize;
    const invalid = source.invalid;
    let sub = from - firstFrame * spf;
    let index = (firstFrame + source.skew - file.cacheStart) * size + source.position + sub;
    const end = outOffset + (to - start);
    if (spf === 1) {
      for (let o = outOffset + (from - start); o < end; o++, index += size) {
        const value = data[index] ?? NaN;
        out[o] = value === invalid ? NaN : value;
      }
      return;
    }
    const skip = size - spf;
    for (let o = outOffset + (from - start); o < end; o++) {
      const value = data[index] ?? NaN;
      out[o] = value === invalid ? NaN : value;
      index++;
      if (++sub === spf) {
        sub = 0;
        index += skip;
      }
    }
  }

  /** Reads every signal file through once, so checksums and initial values get checked. */
  checkAll(): void {
    for (const file of this.files) file.checkAll();
  }

  bytesRead(): number {
    return this.files.reduce((sum, file) => sum + file.bytesRead, 0);
  }

  close(): void {
    for (const file of this.files) file.close();
  }
}
