import { cpus } from 'node:os';

export interface Measurement {
  name: string;
  /** Median wall time of one run, in milliseconds. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
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
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const medianMs =
    times.length % 2 === 1 ? (times[middle] ?? 0) : ((times[middle - 1] ?? 0) + (times[middle] ?? 0)) / 2;
  return {
    name,
    medianMs,
    minMs: times[0] ?? 0,
    maxMs: times.at(-1) ?? 0,
    runs: times.length,
    ...(options.target === undefined ? {} : { target: options.target }),
  };
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
    r.target ?? '',
  ]);
  const header = ['benchmark', 'median ms', 'min ms', 'max ms', 'runs', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
}
