import { formatShape } from '../engine/ir';
import type { Tensor } from '../engine/ir';
import { AppError } from '../errors';

/** The sizes of a [N, T, F] batch: saliency maps, inputs or truth masks. */
export interface MapShape {
  readonly examples: number;
  readonly steps: number;
  readonly features: number;
  /** T·F, the entries of one example. */
  readonly perExample: number;
}

/** A metric's value and the per-example values it averages. */
export interface MetricResult {
  readonly value: number;
  readonly perExample: number[];
}

/** Checks that `t` is a [N, T, F] tensor of float32 or float64 values and returns its sizes. */
export function floatMap(t: Tensor, field: string): MapShape {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new AppError('invalid-request', `${field}: expected float32 or float64 values, got ${t.dtype}`);
  }
  return mapShape(t, field);
}

/** Checks that `t` is [N, T, F] with numeric (not 64-bit integer) values and returns its sizes. */
export function mapShape(t: Tensor, field: string): MapShape {
  if (t.data instanceof BigInt64Array || t.data instanceof BigUint64Array) {
    throw new AppError('invalid-request', `${field}: expected float, 32-bit integer or bool values, got ${t.dtype}`);
  }
  const [examples, steps, features] = t.shape;
  if (t.shape.length !== 3 || examples === undefined || steps === undefined || features === undefined) {
    throw new AppError('invalid-request', `${field}: expected a [N, T, F] tensor, got shape ${formatShape(t.shape)}`);
  }
  if (examples < 1 || steps * features < 1) {
    throw new AppError(
      'invalid-request',
      `${field}: expected at least one example with entries, got ${formatShape(t.shape)}`,
    );
  }
  return { examples, steps, features, perExample: steps * features };
}

/** Checks that two maps have one shape (the first is float) and returns it. */
export function pairedMaps(a: Tensor, aField: string, b: Tensor, bField: string): MapShape {
  const shape = floatMap(a, aField);
  mapShape(b, bField);
  if (a.shape.join(',') !== b.shape.join(',')) {
    throw new AppError(
      'invalid-request',
      `${bField} is ${formatShape(b.shape)} but ${aField} is ${formatShape(a.shape)}; they must have one shape`,
    );
  }
  return shape;
}

/** Checks that `x` (float inputs) and a map of the same shape go together and returns their shape. */
export function inputsAndMaps(x: Tensor, map: Tensor, mapField: string): MapShape {
  floatMap(x, 'x');
  return pairedMaps(map, mapField, x, 'x');
}

/** The elements as numbers; `mapShape` has ruled out 64-bit integer storage. */
export function mapValues(t: Tensor): ArrayLike<number> {
  return t.data as ArrayLike<number>;
}
