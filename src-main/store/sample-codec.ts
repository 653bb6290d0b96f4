/**
 * How a chunk of digital samples is stored: int16 when every value fits (most ECG), int32 with
 * a sentinel for missing samples, float64 for physical values (CSV, MIMIC-III) kept exactly.
 */
export type ChunkEncoding = 'i16' | 'i32' | 'f64';

const MISSING_I32 = -2147483648;

export function chooseEncoding(samples: Float64Array): ChunkEncoding {
  let encoding: ChunkEncoding = 'i16';
  for (const value of samples) {
    if (Number.isNaN(value)) {
      encoding = 'i32';
    } else if (!Number.isInteger(value) || value <= MISSING_I32 || value > 2147483647) {
      return 'f64';
    } else if (value < -32768 || value > 32767) {
      encoding = 'i32';
    }
  }
  return encoding;
}

export function encodeChunk(samples: Float64Array): { encoding: ChunkEncoding; data: Buffer } {
  const encoding = chooseEncoding(samples);
  if (encoding === 'f64') return { encoding, data: Buffer.from(new Float64Array(samples).buffer) };
  if (encoding === 'i16') return { encoding, data: Buffer.from(Int16Array.from(samples).buffer) };
  const ints = new Int32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i] as number;
    ints[i] = Number.isNaN(value) ? MISSING_I32 : value;
  }
  return { encoding, data: Buffer.from(ints.buffer) };
}

/** Decodes `count` samples starting at `from` within the chunk into `out` at `outOffset`. */
export function decodeChunk(
  encoding: ChunkEncoding,
  data: Buffer,
  from: number,
  count: number,
  out: Float64Array,
  outOffset: number,
): void {
  // SQLite blobs come back as Buffers whose offset may not be aligned: copy into a fresh array.
  const bytes = data.subarray(from * width(encoding), (from + count) * width(encoding));
  const aligned = new Uint8Array(bytes).buffer;
  if (encoding === 'f64') {
    out.set(new Float64Array(aligned), outOffset);
  } else if (encoding === 'i16') {
    out.set(new Int16Array(aligned), outOffset);
  } else {
    const ints = new Int32Array(aligned);
    for (let i = 0; i < ints.length; i++) {
      const value = ints[i] as number;
      out[outOffset + i] = value === MISSING_I32 ? Number.NaN : value;
    }
  }
}

function width(encoding: ChunkEncoding): number {
  return encoding === 'i16' ? 2 : encoding === 'i32' ? 4 : 8;
}
