/**
 * In-place radix-2 complex FFT (iterative Cooley–Tukey). `inverse` uses the conjugate twiddles
 * and divides by n, so `fft(fft(x), inverse)` returns x. The length must be a power of two.
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n !== im.length || n === 0 || (n & (n - 1)) !== 0) {
    throw new RangeError(`fft: length must be a power of two and equal for both parts, got ${n} and ${im.length}`);
  }
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      swap(re, i, j);
      swap(im, i, j);
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size <<= 1) {
    const step = (sign * 2 * Math.PI) / size;
    const half = size >> 1;
    for (let k = 0; k < half; k++) {
      const wr = Math.cos(step * k);
      const wi = Math.sin(step * k);
      for (let start = k; start < n; start += size) {
        const a = start;
        const b = start + half;
        const xr = re[b] ?? 0;
        const xi = im[b] ?? 0;
        const ar = re[a] ?? 0;
        const ai = im[a] ?? 0;
        const br = xr * wr - xi * wi;
        const bi = xr * wi + xi * wr;
        re[b] = ar - br;
        im[b] = ai - bi;
        re[a] = ar + br;
        im[a] = ai + bi;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] ?? 0) / n;
      im[i] = (im[i] ?? 0) / n;
    }
  }
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] ?? 0;
  a[i] = a[j] ?? 0;
  a[j] = t;
}
