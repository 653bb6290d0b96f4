import { AppError } from '../../errors';
import { numel, tensor } from '../ir';
import type { Tensor } from '../ir';

type FloatType = 'float32' | 'float64';

/**
 * A seeded generator (xoshiro128**, seeded through splitmix32). Random inputs of a program
 * (noise, Bernoulli masks) are drawn here and fed in, so a run with the same seed gives the same
 * numbers on every execution provider.
 */
export class Rng {
  private state: [number, number, number, number] = [0, 0, 0, 0];
  private spare: number | undefined;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new AppError('invalid-request', `a seed must be an integer, got ${seed}`);
    let x = seed >>> 0;
    const splitmix = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.state = [splitmix(), splitmix(), splitmix(), splitmix()];
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  next(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Uniform samples in [low, high). */
  uniform(shape: readonly number[], options: { low?: number; high?: number; dtype?: FloatType } = {}): Tensor {
    const { low = 0, high = 1 } = options;
    return this.fill(shape, options.dtype, () => low + (high - low) * this.next());
  }

  /** Gaussian samples (Box–Muller). */
  normal(shape: readonly number[], options: { mean?: number; std?: number; dtype?: FloatType } = {}): Tensor {
    const { mean = 0, std = 1 } = options;
    return this.fill(shape, options.dtype, () => mean + std * this.gaussian());
  }

  /** 1 with probability `p`, else 0. */
  bernoulli(shape: readonly number[], p: number, options: { dtype?: FloatType } = {}): Tensor {
    if (!(p >= 0 && p <= 1))
      throw new AppError('invalid-request', `a Bernoulli probability must be in [0, 1], got ${p}`);
    return this.fill(shape, options.dtype, () => (this.next() < p ? 1 : 0));
  }

  private fill(shape: readonly number[], dtype: FloatType = 'float32', sample: () => number): Tensor {
    const data = dtype === 'float64' ? new Float64Array(numel(shape)) : new Float32Array(numel(shape));
    for (let i = 0; i < data.length; i++) data[i] = sample();
    return tensor(dtype, shape, data);
  }

  private gaussian(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    const u = 1 - this.next(); // (0, 1]: log stays finite
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  private nextUint32(): number {
    const [s0, s1, s2, s3] = this.state;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    this.state = [(s0 ^ n3) >>> 0, (s1 ^ n2) >>> 0, (n2 ^ t) >>> 0, rotl(n3, 11)];
    return result;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
