import { SeededRandom } from '../../datasets/ecg-synth/random';
import { formatShape } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { AppError } from '../../errors';
import { floatMap } from '../saliency-map';
import { repeatEachExample } from './repeat-examples';

/**
 * An explanation method as lipschitz_max calls it: attributions shaped like `x`. `exampleOfRow[r]`
 * is the original example behind row r, so the explainer can repeat per-example targets or baselines.
 */
export type Explain = (x: Tensor, exampleOfRow: readonly number[]) => Promise<Tensor>;

export interface LipschitzOptions {
  /** Perturbed copies per example. Default 10. */
  readonly samples?: number;
  /** Half-width of the default uniform L∞ perturbation. Default 0.02. */
  readonly radius?: number;
  /** Seed of the default perturbation. Default 0. */
  readonly seed?: number;
  /**
   * Replaces the default perturbation x̃ = x + U(−radius, radius) (float32 noise): gets the inputs
   * repeated example-major, row r = example ⌊r/samples⌋, and returns x̃ of the same shape.
   */
  readonly perturb?: (repeated: Tensor) => Tensor;
}

/**
 * tint `lipschitz_max`: for each example, the largest ‖e(x) − e(x̃)‖₂ / ‖x − x̃‖₂ over its perturbed
 * copies (a zero denominator counts as 1). Two explainer calls: one on x, one on all B·samples copies.
 */
export async function lipschitzMax(explain: Explain, x: Tensor, options: LipschitzOptions = {}): Promise<number[]> {
  const { examples, perExample } = floatMap(x, 'x');
  const samples = options.samples ?? 10;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new AppError('invalid-request', `samples: expected a positive integer, got ${samples}`);
  }
  const repeated = repeatEachExample(x, samples);
  const perturbed = (options.perturb ?? uniformNoise(options.radius ?? 0.02, options.seed ?? 0))(repeated);
  if (perturbed.shape.join(',') !== repeated.shape.join(',')) {
    throw new AppError(
      'bad-input',
      `perturb returned ${formatShape(perturbed.shape)} for inputs of ${formatShape(repeated.shape)}`,
    );
  }
  const rows = Array.from({ length: examples * samples }, (_, r) => Math.floor(r / samples));
  const atX = await explained(
    explain,
    x,
    Array.from({ length: examples }, (_, b) => b),
  );
  const atPerturbed = await explained(explain, perturbed, rows);
  const result = new Array<number>(examples).fill(-Infinity);
  rows.forEach((b, r) => {
    const explanationChange = distance(atX, b * perExample, atPerturbed, r * perExample, perExample);
    const inputChange = distance(repeated.data, r * perExample, perturbed.data, r * perExample, perExample);
    result[b] = Math.max(result[b] ?? -Infinity, explanationChange / (inputChange === 0 ? 1 : inputChange));
  });
  return result;
}

async function explained(explain: Explain, x: Tensor, rows: readonly number[]): Promise<ArrayLike<number>> {
  const e = await explain(x, rows);
  if (e.shape.join(',') !== x.shape.join(',')) {
    throw new AppError('bad-input', `the explanation is ${formatShape(e.shape)} for inputs of ${formatShape(x.shape)}`);
  }
  return e.data as ArrayLike<number>;
}

function distance(a: ArrayLike<unknown>, aStart: number, b: ArrayLike<unknown>, bStart: number, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += (Number(a[aStart + i]) - Number(b[bStart + i])) ** 2;
  return Math.sqrt(sum);
}

function uniformNoise(radius: number, seed: number): (repeated: Tensor) => Tensor {
  if (!(radius > 0)) throw new AppError('invalid-request', `radius: expected a positive number, got ${radius}`);
  const random = new SeededRandom(seed);
  return (repeated) => {
    const data = Float32Array.from(
      repeated.data as ArrayLike<number>,
      (v) => v + Math.fround(random.between(-radius, radius)),
    );
    return { dtype: 'float32', shape: repeated.shape, data };
  };
}
