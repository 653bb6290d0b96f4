import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { FormatError } from '../format-error';
import { bytesForSamples, decodeSamples, formatGeometry, samplesInBytes, type StorageFormat } from './storage-formats';

/** One signal of a signal file, as the file stores it. */
export interface FileMember {
  /** The signal's index in the header. */
  signal: number;
  /** For messages: the signal's description, or "signal N". */
  label: string;
  /** Flattened index of the signal's first sample inside a frame. */
  position: number;
  samplesPerFrame: number;
  skew: number;
  /** Start of the difference chain (fmt 8): INITVAL, or ADCZERO when the header has none. */
  chainStart: number;
  /** Header values for the self-check; null when the header leaves them out. */
  initValue: number | null;
  checksum: number | null;
}

/** Frames between the running-sum checkpoints kept for fmt 8 (a difference format needs them to seek). */
const CHECKPOINT_FRAMES = 4096;
/** Bytes read at a time while fmt 8 decodes forward to a window. */
const FMT8_CHUNK_BYTES = 1 << 20;

/**
 * A signal file: the signals that share it, multiplexed frame by frame. Decodes windows of frames
 * on demand, reading only the bytes they occupy, and keeps the last window for the other signals
 * of the file. When windows have covered every stored frame in order, it checks the header's
 * checksums and initial values and reports mismatches as warnings.
 */
export class SignalFile {
  readonly path: string;
  readonly format: Exclude<StorageFormat, 0>;
  readonly byteOffset: number;
  readonly members: readonly FileMember[];
  /** Samples in one frame (Σ samples per frame of the members). */
  readonly frameSize: number;
  readonly minSkew: number;
  readonly maxSkew: number;
  readonly fileSize: number;
  /** Frames stored in the file, skewed ones included; set by setStoredFrames. */
  storedFrames = 0;
  bytesRead = 0;

  /** Decoded window: frames [cacheStart, cacheStart + cacheFrames), frameSize values each. */
  cache = new Int32Array(0);
  cacheStart = 0;
  cacheFrames = 0;

  private fd: number | null;
  private scratch = new Uint8Array(0);
  private readonly checkpoints: (Int32Array | undefined)[] = [];
  private readonly warn: (message: string) => void;
  private cursor = 0;
  private checked = false;
  private readonly sums: Int32Array;

  constructor(
    path: string,
    format: Exclude<StorageFormat, 0>,
    byteOffset: number,
    members: FileMember[],
    warn: (message: string) => void,
    opened: { fd: number; size: number },
  ) {
    this.path = path;
    this.format = format;
    this.byteOffset = byteOffset;
    this.members = members;
    this.warn = warn;
    this.fd = opened.fd;
    this.fileSize = opened.size;
    this.frameSize = members.reduce((sum, m) => sum + m.samplesPerFrame, 0);
    this.minSkew = Math.min(...members.map((m) => m.skew));
    this.maxSkew = Math.max(...members.map((m) => m.skew));
    this.sums = new Int32Array(members.length);
    this.checkpoints[0] = Int32Array.from(members, (m) => m.chainStart);
  }

  /** Opens a signal file; the caller turns a failure into a FormatError that names the header line. */
  static openFile(path: string): { fd: number; size: number } {
    const fd = openSync(path, 'r');
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) throw new Error(`${path} is not a file`);
      return { fd, size: stats.size };
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Whole frames the file holds after its preamble. */
  framesInFile(): number {
    return Math.floor(samplesInBytes(this.format, Math.max(0, this.fileSize - this.byteOffset)) / this.frameSize);
  }

  /** Sets the stored length and checks the file is long enough for it. */
  setStoredFrames(frames: number): void {
    const required = this.byteOffset + bytesForSamples(this.format, frames * this.frameSize);
    if (this.fileSize < required) {
      throw new FormatError(
        this.path,
        { byteOffset: this.fileSize },
        `expected ${required} bytes (${frames} frames of ${this.frameSize} format-${this.format} samples` +
          `${this.byteOffset > 0 ? ` after a ${this.byteOffset}-byte preamble` : ''}), but the file ends here`,
      );
    }
    this.storedFrames = frames;
  }

  /**
   * Makes the cache hold at least frames [need0, need1). When it must decode, it decodes
   * [want0, want1) ⊇ [need0, need1), so the file's other signals can be served from the same window.
   */
  window(need0: number, need1: number, want0: number, want1: number): void {
    if (need0 >= this.cacheStart && need1 <= this.cacheStart + this.cacheFrames) return;
    const from = Math.max(0, Math.min(want0, need0));
    const to = Math.min(this.storedFrames, Math.max(want1, need1));
    this.decode(from, to);
  }

  /** Reads every stored frame once (in bounded windows), so the checksums get checked. */
  checkAll(): void {
    const step = Math.max(1, Math.floor((1 << 20) / this.frameSize));
    for (let frame = this.cursor; !this.checked && frame < this.storedFrames; frame += step) {
      this.decode(frame, Math.min(this.storedFrames, frame + step));
    }
    if (!this.checked && this.storedFrames === 0) this.finishCheck();
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private decode(f0: number, f1: number): void {
    const count = (f1 - f0) * this.frameSize;
    if (this.cache.length < count) this.cache = new Int32Array(count);
    if (this.format === 8) {
      this.decodeDifferences(f0, f1);
    } else {
      const { samplesPerBlock, bytesPerBlock } = formatGeometry(this.format);
      const first = f0 * this.frameSize;
      const end = f1 * this.frameSize;
      const block0 = Math.floor(first / samplesPerBlock);
      const block1 = Math.ceil(end / samplesPerBlock);
      const start = block0 * bytesPerBlock;
      const needed = bytesForSamples(this.format, end) - start;
      const bytes = this.read(this.byteOffset + start, (block1 - block0) * bytesPerBlock, needed);
      decodeSamples(this.format, bytes, first - block0 * samplesPerBlock, count, this.cache, 0);
    }
    this.cacheStart = f0;
    this.cacheFrames = f1 - f0;
    this.track(f0, f1);
  }

  /** Format 8 stores first differences; each signal keeps its own running sum from its INITVAL. */
  private decodeDifferences(f0: number, f1: number): void {
    let k = Math.floor(f0 / CHECKPOINT_FRAMES);
    while (this.checkpoints[k] === undefined) k--;
    const acc = Int32Array.from(this.checkpoints[k] ?? []);
    const size = this.frameSize;
    const chunkFrames = Math.max(1, Math.floor(FMT8_CHUNK_BYTES / size));
    const out = this.cache;
    const spfs = this.members.map((m) => m.samplesPerFrame);
    for (let frame = k * CHECKPOINT_FRAMES; frame < f1;) {
      const chunkEnd = Math.min(f1, frame + chunkFrames);
      const bytes = this.read(this.byteOffset + frame * size, (chunkEnd - frame) * size, (chunkEnd - frame) * size);
      for (let p = 0; frame < chunkEnd; frame++) {
        if (frame % CHECKPOINT_FRAMES === 0 && this.checkpoints[frame / CHECKPOINT_FRAMES] === undefined) {
          this.checkpoints[frame / CHECKPOINT_FRAMES] = acc.slice();
        }
        let o = (frame - f0) * size;
        for (let m = 0; m < spfs.length; m++) {
          let sum = acc[m] ?? 0;
          for (let n = spfs[m] ?? 0; n > 0; n--, p++, o++) {
            sum = (sum + (((bytes[p] ?? 0) << 24) >> 24)) | 0;
            if (o >= 0) out[o] = sum;
          }
          acc[m] = sum;
        }
      }
    }
  }

  /** Reads `length` bytes at `position`; fewer than `needed` means the file was cut short. */
  private read(position: number, length: number, needed: number): Uint8Array {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    if (this.scratch.length < length) this.scratch = new Uint8Array(Math.max(length, this.scratch.length * 2));
    const buffer = this.scratch;
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buffer, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    this.bytesRead += got;
    if (got < needed) {
      throw new FormatError(
        this.path,
        { byteOffset: position + got },
        `expected ${needed} bytes of format-${this.format} samples from byte ${position}, but the file ends here`,
      );
    }
    if (got < length) buffer.fill(0, got, length);
    return buffer.subarray(0, length);
  }

  /** Adds frames the checksum has not seen yet, when they follow on from those it has. */
  private track(f0: number, f1: number): void {
    if (this.checked || this.cursor < f0 || this.cursor >= f1) return;
    const size = this.frameSize;
    const data = this.cache;
    if (this.cursor === 0) this.checkInitialValues();
    const first = (this.cursor - f0) * size;
    const end = (f1 - f0) * size;
    this.members.forEach((member, k) => {
      let sum = this.sums[k] ?? 0;
      for (let m = 0; m < member.samplesPerFrame; m++) {
        for (let i = first + member.position + m; i < end; i += size) sum = (sum + (data[i] ?? 0)) | 0;
      }
      this.sums[k] = sum;
    });
    this.cursor = f1;
    if (this.cursor === this.storedFrames) this.finishCheck();
  }

  private checkInitialValues(): void {
    if (this.format === 8) return; // there the initial value is the chain's start, not a stored sample
    for (const m of this.members) {
      const first = this.cache[m.position]; // track() only starts the check from a window at frame 0
      if (m.initValue !== null && first !== undefined && first !== m.initValue) {
        this.warn(
          `${m.label} in ${this.path}: the first sample is ${first}, but the header's initial value is ${m.initValue}`,
        );
      }
    }
  }

  private finishCheck(): void {
    this.checked = true;
    this.members.forEach((m, k) => {
      if (m.checksum === null) return;
      const actual = toInt16(this.sums[k] ?? 0);
      if (actual !== toInt16(m.checksum)) {
        this.warn(
          `${m.label} in ${this.path}: the samples sum to checksum ${actual}, but the header says ${m.checksum}`,
        );
      }
    });
  }
}

/** A 16-bit checksum as the header means it: signed, whatever form it was written in. */
export function toInt16(value: number): number {
  const low = ((value % 65536) + 65536) % 65536;
  return low >= 32768 ? low - 65536 : low;
}
