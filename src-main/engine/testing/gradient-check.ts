import { expect } from 'vitest';
import { gradients } from '../autodiff';
import { numel, tensor } from '../ir';
import type { Tensor } from '../ir';
import { Program, Rng } from '../program';
import { Tracer } from '../trace';
import type { Traced } from '../trace';

export interface CheckedInput {
  readonly shape: readonly number[];
  /** Draws one element; default uniform in ±[0.2, 1.2] (away from the kinks at 0). */
  readonly sample?: (rng: Rng) => number;
  /** Exact values instead of samples. */
  readonly values?: readonly number[];
}

export interface CheckOptions {
  /** float64 where ONNX Runtime's CPU kernels have it; float32 (with a looser tolerance) otherwise. */
  readonly dtype: 'float32' | 'float64';
  readonly seed?: number;
  readonly eps?: number;
  /** Relative error allowed (default by dtype: see `tolerance`). */
  readonly tolerance?: number;
  /** Values for other inputs the graph declares (run-time indices). */
  readonly feeds?: Readonly<Record<string, Tensor>>;
}

export interface GradientComparison {
  /** max |analytic - numeric| / max |numeric|, over all inputs. */
  readonly error: number;
  /** max |numeric|: a check whose true gradient is zero proves nothing. */
  readonly scale: number;
  readonly analytic: readonly Float64Array[];
  readonly numeric: readonly Float64Array[];
}

/** Samples away from zero: uniform in ±[0.2, 1.2]. */
export function awayFromZero(rng: Rng): number {
  const magnitude = 0.2 + rng.next();
  return rng.next() < 0.5 ? -magnitude : magnitude;
}

export function positive(rng: Rng): number {
  return 0.3 + 1.5 * rng.next();
}

/**
 * Checks J^T u of the graph `build` writes against central finite differences of u·y, for a random
 * cotangent u, with respect to every input.
 */
export async function checkGradients(
  build: (g: Tracer, ...inputs: Traced[]) => Traced,
  inputs: readonly CheckedInput[],
  options: CheckOptions,
): Promise<GradientComparison> {
  const { dtype } = options;
  const rng = new Rng(options.seed ?? 7);
  const g = new Tracer();
  const xs = inputs.map((input, i) => g.input(`x${i}`, dtype, input.shape));
  const y = build(g, ...xs);
  const u = g.input('u', dtype, y.shape);
  const grads = gradients(y, xs, { seed: u });
  const backward = await Program.compile(Object.fromEntries(grads.map((d, i) => [`d${i}`, d])));
  const forward = await Program.compile({ y });

  const values = inputs.map((input) => {
    const data = input.values ?? Array.from({ length: numel(input.shape) }, () => (input.sample ?? awayFromZero)(rng));
    return tensor(dtype, input.shape, dtype === 'float64' ? Float64Array.from(data) : Float32Array.from(data));
  });
  const cotangent = rng.normal(y.shape, { dtype });
  const feeds = (xsValues: readonly Tensor[]): Record<string, Tensor> => ({
    ...options.feeds,
    ...Object.fromEntries(xsValues.map((v, i) => [`x${i}`, v])),
  });

  const result = await backward.run({ ...feeds(values), u: cotangent });
  const analytic = grads.map((_, i) => Float64Array.from(result[`d${i}`]?.data as Float64Array | Float32Array));

  const eps = options.eps ?? (dtype === 'float64' ? 1e-6 : 1e-2);
  const objective = async (xsValues: readonly Tensor[]): Promise<number> => {
    const out = (await forward.run(feeds(xsValues))).y?.data as Float64Array | Float32Array;
    let sum = 0;
    out.forEach((v, k) => (sum += v * Number(cotangent.data[k])));
    return sum;
  };
  const numeric: Float64Array[] = [];
  for (let i = 0; i < values.length; i++) {
    const base = values[i] as Tensor;
    const column = new Float64Array(base.data.length);
    for (let k = 0; k < base.data.length; k++) {
      const shifted = (delta: number): Tensor[] => {
        const data = base.data.slice() as Float64Array | Float32Array;
        data[k] = (data[k] ?? 0) + delta;
        return values.map((v, j) => (j === i ? tensor(dtype, base.shape, data) : v));
      };
      column[k] = ((await objective(shifted(eps))) - (await objective(shifted(-eps)))) / (2 * eps);
    }
    numeric.push(column);
  }
  let diff = 0;
  let scale = 0;
  numeric.forEach((column, i) =>
    column.forEach((n, k) => {
      diff = Math.max(diff, Math.abs(n - (analytic[i]?.[k] ?? NaN)));
      scale = Math.max(scale, Math.abs(n));
    }),
  );
  return { error: scale > 0 ? diff / scale : diff, scale, analytic, numeric };
}

/** Tolerances for the relative error of `checkGradients`. */
export const tolerance = { float64: 1e-6, float32: 1e-2 } as const;

/** Asserts (with vitest's expect) that the rule matches finite differences and the gradient is not trivially zero. */
export async function expectGradient(
  build: (g: Tracer, ...inputs: Traced[]) => Traced,
  inputs: readonly CheckedInput[],
  options: CheckOptions,
): Promise<void> {
  const { error, scale } = await checkGradients(build, inputs, options);
  expect(scale).toBeGreaterThan(0);
  expect(error).toBeLessThan(options.tolerance ?? tolerance[options.dtype]);
}
