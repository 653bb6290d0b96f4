/**
 * Synthetic saliency benchmarks with ground truth: ContraLSP's Rare-Time / Rare-Observation (and
 * their diffgroups) with white-box regressors, State (HMM), Switch-Feature, TimeX's FreqShapes,
 * SeqComb-UV/MV and LowVar, and our ECG beat set.
 *
 *   const data = generateBenchmark('rare-time', { seed: 0 });
 *   const onnx = await whiteBoxModel(data); // input 'x' [N, T, F] → output 'y' [N, T, 1]
 */
export {
  BENCHMARK_NAMES,
  entryIndex,
  type BenchmarkDataset,
  type BenchmarkName,
  type BenchmarkSize,
  type DatasetSplit,
  type SalientBlock,
} from './benchmark-dataset';
export { generateBenchmark, type GenerateBenchmarkOptions } from './generate-benchmark';
export { whiteBoxModel, TORCH_SEED_42, type RareSalientSet } from '../rare';
