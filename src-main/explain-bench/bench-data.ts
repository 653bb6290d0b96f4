import { tensor } from '../engine';
import type { Tensor } from '../engine';
import type { BenchmarkDataset } from '../datasets/benchmarks';

/** What a run explains and scores. */
export interface BenchData {
  /** The explained rows [n, T, F]: a white-box set whole, a classifier set's test split. */
  readonly x: Tensor;
  /** Their ground truth, [n, T, F]. */
  readonly truth: Tensor;
  /** The reference rows (FO's mean, AFO's draws): the training split, or a white-box set itself. */
  readonly train: Tensor;
}

export function benchData(dataset: BenchmarkDataset): BenchData {
  const [samples] = dataset.shape;
  const x = tensor('float32', dataset.shape, dataset.x);
  const split = dataset.split;
  const explained = [split ? split.train + split.validation : 0, samples] as const;
  return {
    x: rowsOf(x, explained),
    truth: rowsOf(tensor('uint8', dataset.shape, dataset.truth), explained),
    train: rowsOf(x, [0, split ? split.train : samples]),
  };
}

/** Rows [start, end) of a [N, T, F] tensor (a view, no copy). */
export function rowsOf(t: Tensor, [start, end]: readonly [number, number]): Tensor {
  const size = t.data.length / (t.shape[0] ?? 1);
  return tensor(t.dtype, [end - start, ...t.shape.slice(1)], t.data.subarray(start * size, end * size));
}

/** GradientSHAP's baseline distribution in ContraLSP's scripts: cat([0 · x, x]). */
export function zeroAndExplained(x: Tensor): Tensor {
  const data = new Float32Array(2 * x.data.length);
  data.set(x.data as Float32Array, x.data.length);
  return tensor('float32', [2 * (x.shape[0] ?? 0), ...x.shape.slice(1)], data);
}
