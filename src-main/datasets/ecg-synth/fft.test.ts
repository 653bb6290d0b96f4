import { describe, expect, it } from 'vitest';
import { fft, nextPowerOfTwo } from './fft';
import { SeededRandom } from './random';

function naiveDft(re: Float64Array, im: Float64Array): { re: number[]; im: number[] } {
  const n = re.length;
  const out = { re: new Array<number>(n).fill(0), im: new Array<number>(n).fill(0) };
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * k * t) / n;
      out.re[k] = (out.re[k] ?? 0) + (re[t] ?? 0) * Math.cos(angle) - (im[t] ?? 0) * Math.sin(angle);
      out.im[k] = (out.im[k] ?? 0) + (re[t] ?? 0) * Math.sin(angle) + (im[t] ?? 0) * Math.cos(angle);
    }
  }
  return out;
}

describe('fft', () => {
  it('agrees with the direct DFT sum', () => {
    const random = new SeededRandom(1);
    const re = Float64Array.from({ length: 64 }, () => random.gaussian());
    const im = Float64Array.from({ length: 64 }, () => random.gaussian());
    const expected = naiveDft(re, im);
    fft(re, im);
    re.forEach((v, k) => expect(v).toBeCloseTo(expected.re[k] ?? NaN, 9));
    im.forEach((v, k) => expect(v).toBeCloseTo(expected.im[k] ?? NaN, 9));
  });

  it('puts a cosine of k cycles at bins k and n − k, and inverts back', () => {
    const n = 32;
    const re = Float64Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * 3 * t) / n));
    const original = Float64Array.from(re);
    const im = new Float64Array(n);
    fft(re, im);
    expect(re[3]).toBeCloseTo(n / 2, 9);
    expect(re[n - 3]).toBeCloseTo(n / 2, 9);
    expect(re.reduce((s, v) => s + Math.abs(v), 0)).toBeCloseTo(n, 9);
    fft(re, im, true);
    re.forEach((v, t) => expect(v).toBeCloseTo(original[t] ?? NaN, 12));
  });

  it('refuses lengths that are not powers of two', () => {
    expect(() => {
      fft(new Float64Array(12), new Float64Array(12));
    }).toThrow(RangeError);
  });

  it('rounds up to a power of two', () => {
    expect([1, 2, 3, 256, 257].map(nextPowerOfTwo)).toEqual([1, 2, 4, 256, 512]);
  });
});
