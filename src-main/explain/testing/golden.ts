import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { tensor } from '../../engine';
import type { Tensor } from '../../engine';
import type { BlackBox } from '../black-box';

/**
 * The tint/Captum golden values copied into test/fixtures/golden/ (see its README.md): three
 * models, their inputs, and attributions computed by the libraries in float64.
 */
const goldenDir = fileURLToPath(new URL('../../../test/fixtures/golden/', import.meta.url));

export const goldenModels = ['gru_clf', 'conv1d_clf', 'mlp_tanh_sigmoid'] as const;
export type GoldenModel = (typeof goldenModels)[number];

/** Nested JSON arrays as the fixtures write them (`null` for NaN). */
export type Nested = number | null | readonly Nested[];

/** A fixture file's JSON, typed by the caller (the README describes each file). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the file's shape
export function goldenJson<T>(file: string): T {
  return JSON.parse(readFileSync(`${goldenDir}${file}`, 'utf8')) as T;
}

export function goldenBox(model: GoldenModel): BlackBox {
  const output = model === 'mlp_tanh_sigmoid' ? 'probabilities' : 'logits';
  return { name: `${model}.onnx`, onnx: readFileSync(`${goldenDir}models/${model}.onnx`), output };
}

/** A nested array as a float32 tensor (shape from the nesting, NaN for null). */
export function nestedTensor(value: Nested): Tensor {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = (v as readonly Nested[])[0] ?? 0) shape.push(v.length);
  return tensor('float32', shape, Float32Array.from(flat(value)));
}

export function flat(value: Nested): number[] {
  if (value === null) return [NaN];
  return Array.isArray(value) ? (value as readonly Nested[]).flatMap(flat) : [value as number];
}

interface Inputs {
  readonly x: Nested;
  readonly x_train: Nested;
  readonly x_train_mean_baseline: Nested;
  readonly targets: number[];
}

const inputs = goldenJson<Inputs>('inputs_and_forward.json');
/** The explained windows (3, 5, 3), the reference rows (6, 5, 3), their mean (1, 5, 3) and the targets. */
export const golden = {
  x: nestedTensor(inputs.x),
  xTrain: nestedTensor(inputs.x_train),
  xTrainMean: nestedTensor(inputs.x_train_mean_baseline),
  targets: inputs.targets,
};

/** The first `rows` rows of a [N, …] tensor. */
export function firstRows(t: Tensor, rows: number): Tensor {
  const size = t.data.length / (t.shape[0] ?? 1);
  return tensor(t.dtype, [rows, ...t.shape.slice(1)], t.data.slice(0, rows * size));
}

/** Every element within atol + rtol·|expected| (NaN only where NaN is expected), shapes equal. */
export function expectClose(actual: Tensor, expected: Nested, tolerance = 1e-5): void {
  const want = flat(expected);
  expect(actual.shape).toEqual(nestedTensor(expected).shape);
  const got = Array.from(actual.data, Number);
  const bad = got.flatMap((a, i) => {
    const e = want[i] ?? NaN;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= tolerance * (1 + Math.abs(e));
    return ok ? [] : [`[${i}] ${a} vs ${e}`];
  });
  expect(bad).toEqual([]);
}
