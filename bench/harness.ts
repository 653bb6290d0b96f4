import { cpus } from 'node:os';

export interface Measurement {
  name: string;
  /** Median wall time of one run, in milliseconds. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  /** Median process CPU time of one run (all threads): on a shared machine, the figure load does not inflate. */
  medianCpuMs?: number;
  target?: string;
}

/** Times `run` after `warmup` unmeasured runs; the median is what BENCHMARKS.md quotes. */
export async function measure(
  name: string,
  run: () => unknown,
  options: { runs: number; warmup: number; target?: string },
): Promise<Measurement> {
  for (let i = 0; i < options.warmup; i++) await run();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await run();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    medianMs: median(times),
    medianCpuMs: median(cpuTimes),
    minMs: times[0] ?? 0,
    maxMs: times.at(-1) ?? 0,
    runs: times.length,
    ...(options.target === undefined ? {} : { target: options.target }),
  };
}

/** Samples a benchmark measured itself (not a run's wall time), in milliseconds. */
export function summarise(name: string, values: readonly number[], target?: string): Measurement {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    name,
    medianMs: median(sorted),
    minMs: sorted[0] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
    runs: sorted.length,
    ...(target === undefined ? {} : { target }),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}, ${process.platform}-${process.arch}`;
}

export function printTable(results: readonly Measurement[]): void {
  const rows = results.map((r) => [
    r.name,
    r.medianMs.toFixed(2),
    r.minMs.toFixed(2),
    r.maxMs.toFixed(2),
    String(r.runs),
    r.medianCpuMs?.toFixed(0) ?? '',
    r.target ?? '',
  ]);
  const header = ['benchmark', 'median ms', 'min ms', 'max ms', 'runs', 'median CPU ms', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
}
