/**
 * WFDB signal storage formats: how samples pack into bytes, and the loops that unpack them.
 * Every decoder turns a run of the flattened (multiplexed) sample stream into Int32 values.
 */

export const STORAGE_FORMATS = [0, 8, 16, 24, 32, 61, 80, 160, 212, 310, 311] as const;
export type StorageFormat = (typeof STORAGE_FORMATS)[number];

export function isStorageFormat(value: number): value is StorageFormat {
  return (STORAGE_FORMATS as readonly number[]).includes(value);
}

interface Geometry {
  /** Samples in one packing block (2 for fmt 212, 3 for 310/311, 1 otherwise). */
  samplesPerBlock: number;
  bytesPerBlock: number;
  /** Bytes that hold the first k samples of a block, for k = 0 … samplesPerBlock − 1. */
  partialBytes: readonly number[];
  /** The stored value that marks a missing sample, or null when the format has none. */
  invalid: number | null;
  /** Range of a stored value, for writers that clamp. */
  min: number;
  max: number;
}

const GEOMETRY: Record<StorageFormat, Geometry> = {
  0: { samplesPerBlock: 1, bytesPerBlock: 0, partialBytes: [0], invalid: null, min: 0, max: 0 },
  8: { samplesPerBlock: 1, bytesPerBlock: 1, partialBytes: [0], invalid: null, min: -(2 ** 31), max: 2 ** 31 - 1 },
  16: { samplesPerBlock: 1, bytesPerBlock: 2, partialBytes: [0], invalid: -32768, min: -32768, max: 32767 },
  61: { samplesPerBlock: 1, bytesPerBlock: 2, partialBytes: [0], invalid: -32768, min: -32768, max: 32767 },
  80: { samplesPerBlock: 1, bytesPerBlock: 1, partialBytes: [0], invalid: -128, min: -128, max: 127 },
  160: { samplesPerBlock: 1, bytesPerBlock: 2, partialBytes: [0], invalid: -32768, min: -32768, max: 32767 },
  24: {
    samplesPerBlock: 1,
    bytesPerBlock: 3,
    partialBytes: [0],
    invalid: -(2 ** 23),
    min: -(2 ** 23),
    max: 2 ** 23 - 1,
  },
  32: {
    samplesPerBlock: 1,
    bytesPerBlock: 4,
    partialBytes: [0],
    invalid: -(2 ** 31),
    min: -(2 ** 31),
    max: 2 ** 31 - 1,
  },
  212: { samplesPerBlock: 2, bytesPerBlock: 3, partialBytes: [0, 2], invalid: -2048, min: -2048, max: 2047 },
  // 310: the second sample of a block sits in bytes 2–3, so a block with two samples needs all four.
  310: { samplesPerBlock: 3, bytesPerBlock: 4, partialBytes: [0, 2, 4], invalid: -512, min: -512, max: 511 },
  311: { samplesPerBlock: 3, bytesPerBlock: 4, partialBytes: [0, 2, 3], invalid: -512, min: -512, max: 511 },
};

export function formatGeometry(format: StorageFormat): Geometry {
  return GEOMETRY[format];
}

/** The stored value that reads as a missing sample, or null for formats without one (0, 8). */
export function invalidSampleValue(format: StorageFormat): number | null {
  return GEOMETRY[format].invalid;
}

/** ADC resolution WFDB assumes when a header writes 0 or nothing: 10 bits for the difference format, 12 otherwise. */
export function defaultAdcResolution(format: StorageFormat): number {
  return format === 8 ? 10 : 12;
}

/** Bytes needed to hold `samples` flattened samples: whole blocks plus the used part of the last one. */
export function bytesForSamples(format: StorageFormat, samples: number): number {
  const g = GEOMETRY[format];
  const blocks = Math.floor(samples / g.samplesPerBlock);
  const rest = samples - blocks * g.samplesPerBlock;
  return blocks * g.bytesPerBlock + (g.partialBytes[rest] ?? 0);
}

/** Flattened samples that `bytes` bytes hold (for a header that leaves the length out). */
export function samplesInBytes(format: StorageFormat, bytes: number): number {
  const g = GEOMETRY[format];
  if (g.bytesPerBlock === 0) return 0;
  return Math.floor((bytes * g.samplesPerBlock) / g.bytesPerBlock);
}

/**
 * Decodes `count` samples into `out[outOffset …]`. `first` is the index of the first wanted
 * sample counted from the start of `bytes`, which must begin on a block boundary. Bytes past
 * the end of `bytes` read as zero (the unused tail of a last, partial block). Not for format 8.
 */
export function decodeSamples(
  format: Exclude<StorageFormat, 0 | 8>,
  bytes: Uint8Array,
  first: number,
  count: number,
  out: Int32Array,
  outOffset: number,
): void {
  const end = outOffset + count;
  switch (format) {
    case 16:
      for (let o = outOffset, p = first * 2; o < end; o++, p += 2) {
        out[o] = (((bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8)) << 16) >> 16;
      }
      return;
    case 61:
      for (let o = outOffset, p = first * 2; o < end; o++, p += 2) {
        out[o] = ((((bytes[p] ?? 0) << 8) | (bytes[p + 1] ?? 0)) << 16) >> 16;
      }
      return;
    case 80:
      for (let o = outOffset, p = first; o < end; o++, p++) out[o] = (bytes[p] ?? 0) - 128;
      return;
    case 160:
      for (let o = outOffset, p = first * 2; o < end; o++, p += 2) {
        out[o] = ((bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8)) - 32768;
      }
      return;
    case 24:
      for (let o = outOffset, p = first * 3; o < end; o++, p += 3) {
        out[o] = (((bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8) | ((bytes[p + 2] ?? 0) << 16)) << 8) >> 8;
      }
      return;
    case 32:
      for (let o = outOffset, p = first * 4; o < end; o++, p += 4) {
        out[o] =
          (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8) | ((bytes[p + 2] ?? 0) << 16) | ((bytes[p + 3] ?? 0) << 24);
      }
      return;
    case 212:
      decode212(bytes, first, out, outOffset, end);
      return;
    case 310:
      decode310(bytes, first, out, outOffset, end);
      return;
    case 311:
      decode311(bytes, first, out, outOffset, end);
      return;
  }
}

/** Two 12-bit samples in three bytes: low byte, a shared byte of two high nibbles, low byte. */
function decode212(bytes: Uint8Array, first: number, out: Int32Array, from: number, end: number): void {
  let p = (first >> 1) * 3;
  let o = from;
  if (first & 1 && o < end) {
    out[o++] = (((bytes[p + 2] ?? 0) | (((bytes[p + 1] ?? 0) & 0xf0) << 4)) << 20) >> 20;
    p += 3;
  }
  for (; o + 1 < end; o += 2, p += 3) {
    const b1 = bytes[p + 1] ?? 0;
    out[o] = (((bytes[p] ?? 0) | ((b1 & 0x0f) << 8)) << 20) >> 20;
    out[o + 1] = (((bytes[p + 2] ?? 0) | ((b1 & 0xf0) << 4)) << 20) >> 20;
  }
  if (o < end) out[o] = (((bytes[p] ?? 0) | (((bytes[p + 1] ?? 0) & 0x0f) << 8)) << 20) >> 20;
}

/** Three 10-bit samples in two little-endian words; the third is split across their top five bits. */
function decode310(bytes: Uint8Array, first: number, out: Int32Array, from: number, end: number): void {
  const firstBlock = Math.floor(first / 3);
  let p = firstBlock * 4;
  let phase = first - firstBlock * 3;
  for (let o = from; o < end; o++) {
    let v: number;
    if (phase === 0) {
      v = ((bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8)) >> 1;
      phase = 1;
    } else if (phase === 1) {
      v = ((bytes[p + 2] ?? 0) | ((bytes[p + 3] ?? 0) << 8)) >> 1;
      phase = 2;
    } else {
      v = ((bytes[p + 1] ?? 0) >> 3) | (((bytes[p + 3] ?? 0) >> 3) << 5);
      phase = 0;
      p += 4;
    }
    out[o] = ((v & 0x3ff) << 22) >> 22;
  }
}

/** Three 10-bit samples in one little-endian 32-bit word (bits 0–9, 10–19, 20–29). */
function decode311(bytes: Uint8Array, first: number, out: Int32Array, from: number, end: number): void {
  const firstBlock = Math.floor(first / 3);
  let p = firstBlock * 4;
  let phase = first - firstBlock * 3;
  for (let o = from; o < end; o++) {
    let v: number;
    if (phase === 0) {
      v = (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8);
      phase = 1;
    } else if (phase === 1) {
      v = ((bytes[p + 1] ?? 0) >> 2) | ((bytes[p + 2] ?? 0) << 6);
      phase = 2;
    } else {
      v = ((bytes[p + 2] ?? 0) >> 4) | ((bytes[p + 3] ?? 0) << 4);
      phase = 0;
      p += 4;
    }
    out[o] = ((v & 0x3ff) << 22) >> 22;
  }
}

/**
 * Encodes stored values (already clamped to the format's range, invalid marker in place) for the
 * writable formats. The flattened stream packs across frame boundaries; an odd fmt-212 tail
 * takes two bytes, as the WFDB library writes it.
 */
export function encodeSamples(format: 16 | 212, values: Int32Array): Uint8Array {
  if (format === 16) {
    const bytes = new Uint8Array(values.length * 2);
    for (let i = 0, p = 0; i < values.length; i++, p += 2) {
      const v = values[i] ?? 0;
      bytes[p] = v & 0xff;
      bytes[p + 1] = (v >> 8) & 0xff;
    }
    return bytes;
  }
  const bytes = new Uint8Array(bytesForSamples(212, values.length));
  for (let i = 0, p = 0; i < values.length; i += 2, p += 3) {
    const a = (values[i] ?? 0) & 0xfff;
    bytes[p] = a & 0xff;
    if (i + 1 < values.length) {
      const b = (values[i + 1] ?? 0) & 0xfff;
      bytes[p + 1] = (a >> 8) | ((b >> 8) << 4);
      bytes[p + 2] = b & 0xff;
    } else {
      bytes[p + 1] = a >> 8;
    }
  }
  return bytes;
}
