import type { BenchmarkName, BenchmarkSize } from '../datasets/benchmarks';
import { generateBenchmark } from '../datasets/benchmarks';
import { releaseSessions } from '../engine';
import { summarise } from './aggregate';
import type { MethodRun, MethodSummary } from './aggregate';
import { benchData } from './bench-data';
import { planBench } from './bench-plan';
import type { ExplainBenchOptions } from './bench-plan';
import { resolveBlackBox } from './black-boxes';
import type { MetricName } from './dataset-metrics';
import { measure } from './measure';
import { runDataSeed, runSplit } from './paper-runs';
import type { BenchMethod } from './method-settings';
import { runMethod } from './run-method';

export interface ExplainBenchResult {
  readonly dataset: BenchmarkName;
  readonly runs: number;
  readonly firstRun: number;
  readonly size: BenchmarkSize;
  /** The table's columns, and the divisors of their units (I in 10^4, …). */
  readonly metrics: readonly MetricName[];
  readonly units: Readonly<Partial<Record<MetricName, number>>>;
  readonly methods: Readonly<Partial<Record<BenchMethod, MethodSummary>>>;
}

/**
 * The papers' protocol: run k generates its data (`runDataSeed`) and explains it with the black
 * box and explainer seed of its split (`runSplit`); each method is timed from the call to its final map. Peak memory is the
 * process's (see `measure`), so run one dataset per process to compare it.
 */
export async function benchExplain(
  options: ExplainBenchOptions & { readonly onProgress?: (line: string) => void },
): Promise<ExplainBenchResult> {
  const plan = planBench(options);
  const results = new Map<BenchMethod, MethodRun[]>(plan.methods.map((m) => [m.name, []]));
  for (let run = plan.firstRun; run < plan.firstRun + plan.runs; run++) {
    const dataset = generateBenchmark(plan.dataset, { seed: runDataSeed(plan.dataset, run), size: plan.size });
    const data = benchData(dataset);
    const split = runSplit(plan.dataset, run);
    for (const { name, setting } of plan.methods) {
      // Each method starts from a fresh model and no open sessions: it pays its own compiles and
      // its memory peak is not an earlier method's leftovers.
      const blackBox = await resolveBlackBox(plan.root, dataset, split);
      const { value: output, ...cost } = await measure(() => runMethod(setting, data, blackBox, split));
      await releaseSessions();
      const metrics = plan.metrics.score(output.saliency, data.truth);
      results.get(name)?.push({ run, split, metrics, ...cost, ...(output.fit && { fit: output.fit }) });
      // The run's scores too: a long table stopped midway keeps the runs it finished.
      const scores = plan.metrics.names.map((metric) => `${metric} ${(metrics[metric] ?? NaN).toFixed(3)}`).join(', ');
      const selected = output.fit ? `; selected epoch ${output.fit.selectedEpoch}` : '';
      options.onProgress?.(
        `${plan.dataset} run ${run + 1}/${plan.firstRun + plan.runs}${split === run ? '' : ` (split ${split})`}: ${name} ${cost.seconds.toFixed(1)} s (CPU ${cost.cpuSeconds.toFixed(1)} s); ${scores}${selected}`,
      );
    }
  }
  return {
    dataset: plan.dataset,
    runs: plan.runs,
    firstRun: plan.firstRun,
    size: plan.size,
    metrics: plan.metrics.names,
    units: plan.metrics.units,
    methods: Object.fromEntries([...results].map(([name, runs]) => [name, summarise(runs, plan.metrics.names)])),
  };
}
