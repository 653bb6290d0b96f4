import { describe, expect, it } from 'vitest';
import { chooseEncoding, decodeChunk, encodeChunk } from './sample-codec';

function roundTrip(samples: number[]): Float64Array {
  const input = Float64Array.from(samples);
  const { encoding, data } = encodeChunk(input);
  const out = new Float64Array(samples.length);
  decodeChunk(encoding, data, 0, samples.length, out, 0);
  return out;
}

describe('sample chunks', () => {
  it('picks the smallest exact encoding', () => {
    expect(chooseEncoding(Float64Array.from([995, 1011, -32768, 32767]))).toBe('i16');
    expect(chooseEncoding(Float64Array.from([1, Number.NaN]))).toBe('i32');
    expect(chooseEncoding(Float64Array.from([8388607, -8388608]))).toBe('i32');
    expect(chooseEncoding(Float64Array.from([36.6, 37]))).toBe('f64');
    expect(chooseEncoding(Float64Array.from([-2147483648]))).toBe('f64');
  });

  it('gives back exactly what was stored, NaN gaps included', () => {
    for (const samples of [
      [995, 1011, -32768, 32767],
      [1, Number.NaN, -5, 70000],
      [36.6, Number.NaN, 1e-9, -273.15],
    ]) {
      expect(Array.from(roundTrip(samples))).toEqual(samples);
    }
  });

  it('decodes a slice into an offset of the output', () => {
    const { encoding, data } = encodeChunk(Float64Array.from([10, 20, 30, 40, 50]));
    const out = new Float64Array(4).fill(-1);
    decodeChunk(encoding, data, 1, 3, out, 1);
    expect(Array.from(out)).toEqual([-1, 20, 30, 40]);
  });
});
