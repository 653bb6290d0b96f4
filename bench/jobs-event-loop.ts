import { eventLoopDelayDuringJobs } from '../src-main/jobs/bench/event-loop-delay';
import { summarise, type Measurement } from './harness';

const ROWS = 1_000_000;
const RUNS = 3;

/**
 * The main thread's event loop while jobs run on worker threads: an import of a 1,000,000-row CSV
 * record, record statistics beside it, and a third job submitted meanwhile. Each run's worst
 * stall is one sample; the import on the main thread is the contrast.
 */
export async function jobsEventLoopBenchmarks(): Promise<Measurement[]> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await eventLoopDelayDuringJobs(ROWS));
  return [
    summarise(
      `event-loop stall, worst per run, jobs importing ${ROWS} CSV rows`,
      runs.map((r) => r.maxMs),
      '< 50 ms (issue 9)',
    ),
    summarise(
      'event-loop delay, p99 per run, same jobs',
      runs.map((r) => r.p99Ms),
    ),
    summarise(
      'the same import on the main thread: its event loop blocked',
      runs.map((r) => r.onMainMs),
    ),
  ];
}
