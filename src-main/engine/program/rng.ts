import { AppError } from '../../errors';
import { numel, tensor } from '../ir';
import type { Tensor } from '../ir';

type FloatType = 'float32' | 'float64';

/** Values of next() generated at a time. */
const AHEAD = 4096;

/** bernoulliPacked() cuts each value's 53 bits into two halves of this many (the top bit left out). */
const HALF_BITS = 26;
const HALF = 2 ** HALF_BITS;

/** Where a generator stands in its stream: enough to continue it elsewhere (a saved training run). */
export interface RngState {
  /** The xoshiro128** state (as uint32) before the block of values now being handed out was generated. */
  readonly words: readonly [number, number, number, number];
  /** Values of that block handed out so far (AHEAD: none generated yet). */
  readonly used: number;
  /** The sine sample normal() keeps for its next call, if any. */
  readonly spare?: number;
}

/**
 * A seeded generator (xoshiro128**, seeded through splitmix32). Random inputs of a program
 * (noise, Bernoulli masks) are drawn here and fed in, so a run with the same seed gives the same
 * numbers on every execution provider.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  // next()'s values are generated ahead in blocks with the state in locals: a training step's dropout
  // masks draw millions, and one call per word with the state in an array cost most of the step.
  private readonly ahead = new Float64Array(AHEAD);
  private used = AHEAD;
  private spare: number | undefined;
  private blockStart: [number, number, number, number];

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new AppError('invalid-request', `a seed must be an integer, got ${seed}`);
    let x = seed >>> 0;
    const splitmix = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix();
    this.s1 = splitmix();
    this.s2 = splitmix();
    this.s3 = splitmix();
    this.blockStart = [this.s0, this.s1, this.s2, this.s3];
  }

  /** Where this generator stands; `Rng.restore` continues the same stream from it. */
  state(): RngState {
    const words = this.blockStart.map((w) => w >>> 0) as [number, number, number, number];
    return { words, used: this.used, ...(this.spare === undefined ? {} : { spare: this.spare }) };
  }

  /** A generator that continues the stream where `state` was taken. */
  static restore(state: RngState): Rng {
    const { used, spare } = state;
    const words: readonly number[] = state.words;
    if (words.length !== 4 || !words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
      throw new AppError('invalid-request', `a generator state needs four uint32 words, got [${words.join(', ')}]`);
    }
    if (!Number.isInteger(used) || used < 0 || used > AHEAD) {
      throw new AppError('invalid-request', `a generator state's 'used' must be 0…${AHEAD}, got ${used}`);
    }
    const rng = new Rng(0);
    [rng.s0, rng.s1, rng.s2, rng.s3] = words.map((w) => w | 0) as [number, number, number, number];
    rng.blockStart = [rng.s0, rng.s1, rng.s2, rng.s3];
    if (used < AHEAD) {
      rng.generate();
      rng.used = used;
    }
    rng.spare = spare;
    return rng;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  next(): number {
    if (this.used === AHEAD) this.generate();
    return this.ahead[this.used++] ?? NaN;
  }

  /** Uniform samples in [low, high). */
  uniform(shape: readonly number[], options: { low?: number; high?: number; dtype?: FloatType } = {}): Tensor {
    const { low = 0, high = 1 } = options;
    const data = floats(shape, options.dtype);
    this.blocks(data.length, (values, from, length, at) => {
      for (let j = 0; j < length; j++) data[at + j] = low + (high - low) * (values[from + j] ?? NaN);
    });
    return tensor(options.dtype ?? 'float32', shape, data);
  }

  /** Gaussian samples (Box–Muller: each pair of uniforms gives a cosine and a sine sample, in that order). */
  normal(shape: readonly number[], options: { mean?: number; std?: number; dtype?: FloatType } = {}): Tensor {
    const { mean = 0, std = 1 } = options;
    const data = floats(shape, options.dtype);
    let i = 0;
    if (this.spare !== undefined && data.length > 0) {
      data[i++] = mean + std * this.spare;
      this.spare = undefined;
    }
    while (i < data.length) {
      const u = 1 - this.next(); // (0, 1]: log stays finite
      const v = this.next();
      const radius = Math.sqrt(-2 * Math.log(u));
      data[i++] = mean + std * (radius * Math.cos(2 * Math.PI * v));
      const sine = radius * Math.sin(2 * Math.PI * v);
      if (i < data.length) data[i++] = mean + std * sine;
      else this.spare = sine;
    }
    return tensor(options.dtype ?? 'float32', shape, data);
  }

  /** `one` (default 1) with probability `p`, else 0: `one` = 1/(1 − rate) and p = 1 − rate give an inverted-dropout mask. */
  bernoulli(shape: readonly number[], p: number, options: { dtype?: FloatType; one?: number } = {}): Tensor {
    if (!(p >= 0 && p <= 1))
      throw new AppError('invalid-request', `a Bernoulli probability must be in [0, 1], got ${p}`);
    const { one = 1 } = options;
    const data = floats(shape, options.dtype);
    this.blocks(data.length, (values, from, length, at) => {
      for (let j = 0; j < length; j++) data[at + j] = (values[from + j] as number) < p ? one : 0;
    });
    return tensor(options.dtype ?? 'float32', shape, data);
  }

  /**
   * As bernoulli(), for a probability that is a multiple of 2^-16, deciding each value on as few
   * random bits as express p exactly (two for 0.75, where bernoulli() spends a 53-bit value on each):
   * a value of next() decides 2⌊26/bits⌋ of them. Dropout masks of T × T attention draw millions a
   * training step; this takes a fraction of bernoulli()'s time for the same distribution.
   */
  bernoulliPacked(shape: readonly number[], p: number, options: { dtype?: FloatType; one?: number } = {}): Tensor {
    const bits = packedBits(p);
    if (bits === undefined) {
      throw new AppError(
        'invalid-request',
        `a packed Bernoulli probability must be a multiple of 2^-16 in [0, 1], got ${p}`,
      );
    }
    const { one = 1 } = options;
    const threshold = p * 2 ** bits;
    const perHalf = Math.floor(HALF_BITS / bits);
    const data = floats(shape, options.dtype);
    for (let at = 0; at < data.length;) {
      const whole = this.next() * 2 ** 53;
      const high = Math.floor(whole / HALF);
      at = decide(data, at, Math.min(data.length, at + perHalf), whole - high * HALF, bits, threshold, one);
      at = decide(data, at, Math.min(data.length, at + perHalf), high & (HALF - 1), bits, threshold, one);
    }
    return tensor(options.dtype ?? 'float32', shape, data);
  }

  /** The next `count` values of next(), handed over a block at a time: values[from … from + length) go to draw `at`…. */
  private blocks(count: number, use: (values: Float64Array, from: number, length: number, at: number) => void): void {
    for (let at = 0; at < count;) {
      if (this.used === AHEAD) this.generate();
      const length = Math.min(AHEAD - this.used, count - at);
      use(this.ahead, this.used, length, at);
      this.used += length;
      at += length;
    }
  }

  /** The next AHEAD values of next(): each takes two xoshiro128** words, 27 + 26 bits. */
  private generate(): void {
    // The state is kept as int32 bits: xor, shifts and imul give the same bits as on uint32. The
    // two words are written out rather than looped over: the loop is about 25 % slower, and the
    // dropout masks of a T = 200 training step draw over ten million values.
    let { s0, s1, s2, s3 } = this;
    this.blockStart = [s0, s1, s2, s3];
    const ahead = this.ahead;
    for (let i = 0; i < AHEAD; i++) {
      let x = Math.imul(s1, 5);
      const high = Math.imul((x << 7) | (x >>> 25), 9) >>> 5;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      x = Math.imul(s1, 5);
      const low = Math.imul((x << 7) | (x >>> 25), 9) >>> 6;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      ahead[i] = (high * 67108864 + low) / 9007199254740992;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    this.used = 0;
  }
}

/** The bits bernoulliPacked() decides a draw of probability `p` on: the fewest (≤ 16) that express it exactly, if any. */
export function packedBits(p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) return undefined;
  for (let bits = 1; bits <= 16; bits++) if (Number.isInteger(p * 2 ** bits)) return bits;
  return undefined;
}

/** Draws at … end − 1 from successive `bits`-bit chunks of `random`: `one` where a chunk is below `threshold`, else 0. */
function decide(
  data: Float32Array | Float64Array,
  at: number,
  end: number,
  random: number,
  bits: number,
  threshold: number,
  one: number,
): number {
  const chunk = 2 ** bits - 1;
  let left = random | 0;
  for (; at < end; at++) {
    // (chunk − threshold) is negative exactly when the chunk is below it: its sign bit decides, without a branch.
    data[at] = one * (((left & chunk) - threshold) >>> 31);
    left >>>= bits;
  }
  return end;
}

function floats(shape: readonly number[], dtype: FloatType = 'float32'): Float32Array | Float64Array {
  return dtype === 'float64' ? new Float64Array(numel(shape)) : new Float32Array(numel(shape));
}
