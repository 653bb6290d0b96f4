import { BENCHMARK_NAMES } from '../datasets/benchmarks';
import type { BenchmarkName, BenchmarkSize } from '../datasets/benchmarks';
import { AppError } from '../errors';
import { explainers } from '../explain';
import { requireBlackBoxes } from './black-boxes';
import { paperRuns, requirePaperRuns } from './paper-runs';
import { tableMetrics } from './dataset-metrics';
import type { TableMetrics } from './dataset-metrics';
import { BENCH_METHODS, methodSettings } from './method-settings';
import type { BenchMethod, MethodSetting } from './method-settings';

export interface ExplainBenchOptions {
  readonly dataset: string;
  readonly methods: readonly string[];
  /** Absent: as many as the paper's row pools (`paperRuns`). */
  readonly runs?: number;
  /** The first run's index (0-based): a long table can be split over processes or resumed. */
  readonly firstRun?: number;
  readonly size: BenchmarkSize;
  /** The folder that holds models/ (the repository, or the installed app). */
  readonly root: string;
}

/** A checked request: every method has a paper setting and a registered explainer, every run a black box. */
export interface BenchPlan {
  readonly dataset: BenchmarkName;
  readonly runs: number;
  readonly firstRun: number;
  readonly size: BenchmarkSize;
  readonly root: string;
  readonly metrics: TableMetrics;
  readonly methods: readonly { readonly name: BenchMethod; readonly setting: MethodSetting }[];
}

export function planBench(options: ExplainBenchOptions): BenchPlan {
  const { firstRun = 0 } = options;
  const dataset = BENCHMARK_NAMES.find((name) => name === options.dataset);
  if (!dataset) {
    throw new AppError(
      'invalid-request',
      `dataset '${options.dataset}': expected one of ${BENCHMARK_NAMES.join(', ')}`,
    );
  }
  const runs = options.runs ?? paperRuns(dataset);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new AppError('invalid-request', `runs: expected a positive whole number, got ${runs}`);
  }
  if (!Number.isInteger(firstRun) || firstRun < 0) {
    throw new AppError('invalid-request', `first run: expected a whole number from 0, got ${firstRun}`);
  }
  requirePaperRuns(dataset, firstRun, runs);
  if (options.methods.length === 0) throw new AppError('invalid-request', 'methods: expected at least one method');
  const repeated = options.methods.find((m, i) => options.methods.indexOf(m) !== i);
  if (repeated !== undefined) throw new AppError('invalid-request', `methods: '${repeated}' is named twice`);
  requireBlackBoxes(options.root, dataset, firstRun, runs);
  const settings = methodSettings(dataset);
  const metrics = tableMetrics(dataset);
  const offered = BENCH_METHODS.filter((m) => settings[m] !== undefined);
  if (!metrics || offered.length === 0) {
    throw new AppError(
      'invalid-request',
      `${dataset}: no paper table the harness reproduces (only the Rare sets, state and switch-feature have one)`,
    );
  }
  const methods = options.methods.map((name) => {
    const method = offered.find((m) => m === name);
    const setting = method && settings[method];
    if (!method || !setting) {
      throw new AppError(
        'invalid-request',
        `method '${name}': ${dataset} has paper settings for ${offered.join(', ')}`,
      );
    }
    if (!explainers.some((e) => e.name === setting.explainer)) {
      throw new AppError(
        'invalid-request',
        `method '${name}': the explainer '${setting.explainer}' is not in the registry yet`,
      );
    }
    return { name: method, setting };
  });
  return { dataset, runs, firstRun, size: options.size, root: options.root, metrics, methods };
}
