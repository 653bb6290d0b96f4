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
  const test = { x: rowsOf(x, explained), truth: rowsOf(tensor('uint8', dataset.shape, dataset.truth), explained) };
  return {
    ...(dataset.labels ? withTruth(test) : test),
    train: rowsOf(x, [0, split ? split.train : samples]),
  };
}

/**
 * The rows with some ground truth. Sets labelled per sample (TimeX++'s and ECG) score only those:
 * a row without any (SeqComb's class 0, a normal beat) has no precision to measure, as TimeX's
 * script evaluated ECG (timexpp.md §6).
 */
function withTruth({ x, truth }: { x: Tensor; truth: Tensor }): { x: Tensor; truth: Tensor } {
  const size = truth.data.length / (truth.shape[0] ?? 1);
  const keep = Array.from({ length: truth.shape[0] ?? 0 }, (_, n) => n).filter((n) =>
    truth.data.subarray(n * size, (n + 1) * size).some((v) => v !== 0),
  );
  const pick = (t: Tensor, out: Float32Array | Uint8Array): Tensor => {
    const data = t.data as Float32Array | Uint8Array;
    keep.forEach((n, i) => out.set(data.subarray(n * size, (n + 1) * size), i * size));
    return tensor(t.dtype, [keep.length, ...t.shape.slice(1)], out);
  };
  return { x: pick(x, new Float32Array(keep.length * size)), truth: pick(truth, new Uint8Array(keep.length * size)) };
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
