/**
 * `salience bench explain`: the explainers on the papers' benchmark datasets, scored with the
 * papers' metrics and printed next to the papers' tables (ContraLSP Tables 1–2), with wall time
 * and peak memory per run. Reference numbers and tolerances come from the specs; per-dataset
 * method settings are the papers' scripts'; a dataset whose black box is missing is refused.
 */
export { benchExplain, type ExplainBenchResult } from './run-loop';
export type { ExplainBenchOptions } from './bench-plan';
export { formatJson, formatText } from './format';
export { BENCH_METHODS, type BenchMethod } from './method-settings';
