import { formatTable } from '../cli/table';
import type { MethodSummary } from './aggregate';
import type { MetricName } from './dataset-metrics';
import { PAPER_NAMES } from './method-settings';
import type { BenchMethod } from './method-settings';
import { PAPER_TABLES, pytorchSeconds, tolerance } from './reference-tables';
import type { MeanStd, WallClock } from './reference-tables';
import type { ExplainBenchResult } from './run-loop';
import { describeVerdict, verdict } from './verdict';

/**
 * `--json`: {"dataset", "runs", "methods": {NAME: {AUP: {mean, std}, …, "seconds": {mean, std},
 * "peakRssMb"}}}, metrics in the paper's units; metrics a dataset's table lacks are left out. A
 * table split over processes (`--first-run`) also gives "firstRun" and each method's runs, "each":
 * [{"run", "split", AUP, …, "seconds", "cpuSeconds", "peakRssMb"}] (runs numbered from 1 as the
 * progress lines are, splits from 0 as the black boxes), so the parts can be pooled; a fitted
 * explainer's run adds "fit": {"selectedEpoch", and the per-epoch diagnostics at that epoch}.
 */
export function formatJson(result: ExplainBenchResult, options: { readonly eachRun?: boolean } = {}): string {
  const methods = Object.fromEntries(
    summaries(result).map(([name, s]) => [
      name,
      {
        ...s.metrics,
        seconds: s.seconds,
        peakRssMb: s.peakRssMb,
        ...(options.eachRun
          ? { each: s.runs.map(({ run, split, metrics, ...cost }) => ({ run: run + 1, split, ...metrics, ...cost })) }
          : {}),
      },
    ]),
  );
  const first = options.eachRun ? { firstRun: result.firstRun + 1 } : {};
  return `${JSON.stringify({ dataset: result.dataset, runs: result.runs, ...first, methods })}\n`;
}

/** The paper's table for the dataset: each method's row, the paper's row under it, the spec's tolerance and a verdict. */
export function formatText(result: ExplainBenchResult): string {
  const units = result.metrics
    .filter((name) => result.units[name] !== undefined)
    .map((name) => `${name} in 10^${Math.log10(result.units[name] ?? 1)}`);
  const title = `${result.dataset}: ${result.runs} run${result.runs === 1 ? '' : 's'}, ${result.size} size; mean ± population std over runs${units.length ? `; ${units.join(', ')}` : ''}`;
  const quick = result.size === 'quick';
  const header = ['method', ...result.metrics, 's/run', 'CPU s/run', 'peak RSS MB', 'PyTorch s/run', 'vs paper'];
  const rows = summaries(result).flatMap(([name, s]) => {
    const paper = PAPER_TABLES[result.dataset]?.[name];
    const allowed = tolerance(result.dataset, name);
    const wall = pytorchSeconds(result.dataset, name);
    const ours = [
      name,
      ...result.metrics.map((m) => meanStd(s.metrics[m], digits(m))),
      meanStd(s.seconds, 2),
      meanStd(s.cpuSeconds, 2),
      s.peakRssMb.toFixed(0),
      // The papers' sizes only: the quick sets are smaller, their sums (I, S) and times not comparable.
      wall && !quick ? `${wallClock(wall)} (ours ${ratio(s.seconds.mean, wall)})` : '',
      quick ? 'quick size: not compared' : describeVerdict(verdict(result.dataset, name, s)),
    ];
    if (!paper) return [ours];
    const theirs = [`  paper ${PAPER_NAMES[name]}`, ...result.metrics.map((m) => meanStd(paper[m], 2))];
    const band = allowed
      ? [['  tolerance', ...result.metrics.map((m) => (allowed[m] === undefined ? '' : `± ${allowed[m]}`))]]
      : [];
    return [ours, theirs, ...band];
  });
  return `${title}\n${formatTable(header, rows)}`;
}

/** The methods in the order they ran. */
function summaries(result: ExplainBenchResult): [BenchMethod, MethodSummary][] {
  return Object.entries(result.methods) as [BenchMethod, MethodSummary][];
}

function digits(metric: MetricName): number {
  return metric === 'I' || metric === 'S' ? 2 : 3;
}

function meanStd(value: MeanStd | undefined, decimals: number): string {
  return value ? `${value.mean.toFixed(decimals)} ± ${value.std.toFixed(decimals)}` : '';
}

function wallClock({ low, high }: WallClock): string {
  if (high === undefined) return `${low}+`;
  return high === low ? `${low}` : `${low}–${high}`;
}

/** Our seconds over PyTorch's, against each end of its range (the goal: at most 0.5). */
function ratio(seconds: number, { low, high }: WallClock): string {
  const over = (reference: number): string => (seconds / reference).toFixed(2);
  if (high === undefined) return `≤ ${over(low)}×`;
  return high === low ? `${over(low)}×` : `${over(high)}–${over(low)}×`;
}
