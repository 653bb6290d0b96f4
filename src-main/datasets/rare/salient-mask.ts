import type { BenchmarkDataset, SalientBlock } from '../benchmarks/benchmark-dataset';
import { entryIndex } from '../benchmarks/benchmark-dataset';

/** The [N, T, F] indicator of the union of the salient blocks. */
export function salientMask(shape: BenchmarkDataset['shape'], blocks: readonly SalientBlock[]): Uint8Array {
  const mask = new Uint8Array(shape[0] * shape[1] * shape[2]);
  for (const { rows, times, features } of blocks) {
    for (let n = rows[0]; n < rows[1]; n++) {
      for (let t = times[0]; t < times[1]; t++) for (const f of features) mask[entryIndex(shape, n, t, f)] = 1;
    }
  }
  return mask;
}
