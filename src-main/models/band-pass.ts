/**
 * A digital Butterworth band-pass as second-order sections, and how it runs over a window: scipy's
 * `butter(order, [low, high], 'bandpass', fs=rate, output='sos')` with `sosfiltfilt` (zero-phase)
 * or `sosfilt` from the steady state of the first sample (causal), so that a model trained in
 * Python with that filter reads its card the same way here.
 */

export interface BandPassDesign {
  /** The order of the low-pass prototype: the band-pass has 2·order poles (order sections). */
  readonly order: number;
  readonly lowHz: number;
  readonly highHz: number;
  readonly samplingRateHz: number;
}

/** One section b0 + b1 z⁻¹ + b2 z⁻² over 1 + a1 z⁻¹ + a2 z⁻². */
export interface Section {
  readonly b: readonly [number, number, number];
  readonly a: readonly [number, number];
}

interface Complex {
  readonly re: number;
  readonly im: number;
}

const complex = (re: number, im = 0): Complex => ({ re, im });
const add = (x: Complex, y: Complex): Complex => complex(x.re + y.re, x.im + y.im);
const sub = (x: Complex, y: Complex): Complex => complex(x.re - y.re, x.im - y.im);
const mul = (x: Complex, y: Complex): Complex => complex(x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re);
const div = (x: Complex, y: Complex): Complex => {
  const d = y.re * y.re + y.im * y.im;
  return complex((x.re * y.re + x.im * y.im) / d, (x.im * y.re - x.re * y.im) / d);
};
const sqrt = (x: Complex): Complex => {
  const r = Math.hypot(x.re, x.im);
  const re = Math.sqrt((r + x.re) / 2);
  const im = Math.sqrt((r - x.re) / 2);
  return complex(re, x.im < 0 ? -im : im);
};

/**
 * The sections of the band-pass: the analog Butterworth prototype's poles, moved to the band
 * (edges pre-warped for the bilinear transform), then mapped to z; the N zeros at z = 1 and N at
 * z = −1 give every section the numerator 1 − z⁻², and the gain goes to the first.
 */
export function butterworthBandPass(design: BandPassDesign): Section[] {
  const { order, lowHz, highHz, samplingRateHz: rate } = design;
  const twice = 2 * rate;
  const [low, high] = [lowHz, highHz].map((f) => twice * Math.tan((Math.PI * f) / rate)) as [number, number];
  const width = high - low;
  const centre = complex(low * high);
  const poles: Complex[] = [];
  for (let m = -order + 1; m < order; m += 2) {
    const angle = (Math.PI * m) / (2 * order);
    const prototype = complex((-Math.cos(angle) * width) / 2, (-Math.sin(angle) * width) / 2);
    const root = sqrt(sub(mul(prototype, prototype), centre));
    poles.push(add(prototype, root), sub(prototype, root));
  }
  let gain = complex(width ** order * twice ** order);
  for (const p of poles) gain = div(gain, sub(complex(twice), p));
  const digital = poles.map((p) => div(add(complex(twice), p), sub(complex(twice), p)));
  return pairPoles(digital).map(([first, second], i) => {
    const k = i === 0 ? gain.re : 1;
    const sum = add(first, second);
    const product = mul(first, second);
    return { b: [k, 0, -k], a: [-sum.re, product.re] };
  });
}

/** Conjugate pairs together, then the real poles two by two (a band-pass has an even number of them). */
function pairPoles(poles: readonly Complex[]): [Complex, Complex][] {
  const tolerance = 1e-12;
  const upper = poles.filter((p) => p.im > tolerance);
  const real = poles.filter((p) => Math.abs(p.im) <= tolerance).sort((x, y) => x.re - y.re);
  const pairs = upper.map((p): [Complex, Complex] => [p, complex(p.re, -p.im)]);
  for (let i = 0; i + 1 < real.length; i += 2) pairs.push([real[i] as Complex, real[i + 1] as Complex]);
  return pairs;
}

/** Samples scipy's `sosfiltfilt` pads each end with (its default padlen): the window must be longer. */
export function zeroPhasePadding(order: number): number {
  return 3 * (2 * order + 1);
}

/**
 * Filters `x` in place with the sections (direct form II transposed), each section starting from
 * its steady state for a constant input `x[0]`, as scipy's `sosfilt(sos, x, zi=sosfilt_zi(sos)·x[0])`.
 */
export function filterCausal(sections: readonly Section[], x: Float64Array): void {
  let level = x[0] ?? 0;
  for (const { b, a } of sections) {
    const [b0, b1, b2] = b;
    const [a1, a2] = a;
    const steady = (level * (b0 + b1 + b2)) / (1 + a1 + a2);
    let z2 = level * b2 - a2 * steady;
    let z1 = level * b1 - a1 * steady + z2;
    for (let n = 0; n < x.length; n++) {
      const input = x[n] ?? 0;
      const y = b0 * input + z1;
      z1 = b1 * input - a1 * y + z2;
      z2 = b2 * input - a2 * y;
      x[n] = y;
    }
    level = steady;
  }
}

/**
 * Filters `x` in place forwards and backwards (zero phase, the magnitude response squared), as
 * scipy's `sosfiltfilt` with its default odd padding: each end is extended by its point
 * reflection over `zeroPhasePadding(order)` samples, and each pass starts from the steady state.
 */
export function filterZeroPhase(sections: readonly Section[], x: Float64Array): void {
  const pad = zeroPhasePadding(sections.length);
  const n = x.length;
  const first = x[0] ?? 0;
  const last = x[n - 1] ?? 0;
  const extended = new Float64Array(n + 2 * pad);
  for (let i = 0; i < pad; i++) {
    extended[i] = 2 * first - (x[pad - i] ?? 0);
    extended[pad + n + i] = 2 * last - (x[n - 2 - i] ?? 0);
  }
  extended.set(x, pad);
  filterCausal(sections, extended);
  extended.reverse();
  filterCausal(sections, extended);
  extended.reverse();
  x.set(extended.subarray(pad, pad + n));
}
