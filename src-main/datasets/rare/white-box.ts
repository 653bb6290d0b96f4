import { AppError } from '../../errors';
import { Program, Tracer, fromNumbers, type Traced } from '../../engine';
import type { BenchmarkDataset, SalientBlock } from '../benchmarks/benchmark-dataset';

/**
 * The Rare sets' white-box regressor (contralsp-dynamask-extrmask.md §4.1) as ONNX bytes: input
 * `x` float32 [N, T, F], output `y` float32 [N, T, 1] with, for each salient block,
 * y[n, t] = Σ_{f∈F} x[n, t, f]² ('sum-of-squares') or (Σ_{f∈F} x[n, t, f])² ('square-of-sum') at
 * the block's rows and times, and 0 elsewhere. The diffgroups' groups are rows of the batch, so
 * the model takes exactly the dataset's N rows, in order (spec P20: explain the whole set as one batch).
 */
export async function whiteBoxModel(dataset: BenchmarkDataset): Promise<Uint8Array> {
  const blocks = dataset.salient;
  if (blocks === undefined || blocks.length === 0) {
    throw new AppError('invalid-request', `dataset '${dataset.name}' has no white box (only the Rare sets do)`);
  }
  const g = new Tracer();
  const x = g.input('x', 'float32', dataset.shape);
  const y = blocks.map((block) => blockOutput(x, block)).reduce((sum, term) => sum.add(term));
  return (await Program.compile({ y })).modelBytes;
}

function blockOutput(x: Traced, block: SalientBlock): Traced {
  const g = x.tracer;
  const [samples, times, features] = x.shape as [number, number, number];
  // The features as a [F, 1] indicator column: x @ column sums them per (n, t).
  const column = new Array<number>(features).fill(0);
  for (const f of block.features) column[f] = 1;
  const select = g.constant(fromNumbers('float32', [features, 1], column));
  const summed = block.combine === 'sum-of-squares' ? x.mul(x).matmul(select) : square(x.matmul(select));
  // [N, T, 1] indicator of the block's rows × times.
  const where = new Array<number>(samples * times).fill(0);
  for (let n = block.rows[0]; n < block.rows[1]; n++)
    where.fill(1, n * times + block.times[0], n * times + block.times[1]);
  return summed.mul(g.constant(fromNumbers('float32', [samples, times, 1], where)));
}

function square(v: Traced): Traced {
  return v.mul(v);
}
