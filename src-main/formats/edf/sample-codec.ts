/**
 * Little-endian two's complement samples: 16-bit (EDF) or 24-bit (BDF). The shifts sign-extend
 * through int32 arithmetic, so the loop allocates nothing and needs no aligned view.
 */
export function decodeSamples(
  bytes: Uint8Array,
  index: number,
  count: number,
  bytesPerSample: 2 | 3,
  out: Float64Array,
  outIndex: number,
): void {
  if (bytesPerSample === 2) {
    for (let i = 0, at = index; i < count; i++, at += 2) {
      out[outIndex + i] = (((bytes[at] as number) | ((bytes[at + 1] as number) << 8)) << 16) >> 16;
    }
  } else {
    for (let i = 0, at = index; i < count; i++, at += 3) {
      const value = (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16);
      out[outIndex + i] = (value << 8) >> 8;
    }
  }
}

/** Int16 little-endian, for the writer. Values must already be integers in range. */
export function encodeInt16(values: Float64Array, bytes: Uint8Array, index: number): void {
  for (let i = 0, at = index; i < values.length; i++, at += 2) {
    const value = values[i] as number;
    bytes[at] = value & 0xff;
    bytes[at + 1] = (value >> 8) & 0xff;
  }
}
