/**
 * How long the main thread's event loop stalls while jobs run (issue 9 asks for never more than
 * 50 ms). An import of a long CSV record holds the study's write lock for its whole transaction
 * while a record-statistics job runs beside it and a third job is submitted meanwhile (its row
 * must wait for the lock). For contrast, the same import run on the main thread. `npm run bench`
 * runs it (after `npm run build`, for out/jobs/worker.js).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../errors';
import { importSources, openSources } from '../../formats';
import { openStudy } from '../../store';
import { openJobQueue } from '../job-queue';
import { createStatisticsStudy } from '../testing/statistics-study';

export interface EventLoopDelay {
  /** The longest stall of the main thread's event loop while the jobs ran. */
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /** Wall time from opening the queue until every job had settled. */
  readonly wallMs: number;
  /** How long the third job's submission waited for the import's write lock (on a timer). */
  readonly submitWaitedMs: number;
  /** The same import on the main thread: how long it blocks its event loop. */
  readonly onMainMs: number;
}

export async function eventLoopDelayDuringJobs(rows: number): Promise<EventLoopDelay> {
  const temp = createStatisticsStudy();
  const csv = join(temp.dir, 'long.csv');
  writeFileSync(
    csv,
    `t,lead (mV),resp (mV)\n${Array.from({ length: rows }, (_, i) => `${(i / 250).toFixed(3)},${i % 97},${-i % 31}`).join('\n')}\n`,
  );

  const delay = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  delay.enable();
  const queue = await openJobQueue(temp.path, { actor: 'bench', workerUrl: pathToFileURL('out/jobs/worker.js') });
  const importing = await queue.submit('import', { paths: [csv] }, { actor: 'bench' });
  const statistics = await queue.submit('record-statistics', {}, { actor: 'bench' });
  await new Promise<void>((resolve) => {
    const stop = queue.onProgress(({ jobId, fraction }) => {
      if (jobId !== importing.id || fraction < 0.2) return;
      stop();
      resolve();
    });
  });
  const submitAsked = performance.now();
  const late = await queue.submit('record-statistics', { records: { source: 'csv' } }, { actor: 'bench' });
  const submitWaitedMs = performance.now() - submitAsked;
  const settled = await Promise.all([importing, statistics, late].map((job) => queue.settled(job.id)));
  delay.disable();
  const wallMs = performance.now() - started;
  await queue.close();

  const study = openStudy(join(temp.dir, 'study.sqlite'));
  study.db.exec('DELETE FROM records WHERE source_path IS NOT NULL');
  const sources = await openSources(csv, 'csv');
  const onMainStarted = performance.now();
  importSources(study, sources, 'bench');
  const onMainMs = performance.now() - onMainStarted;
  for (const { source } of sources) source.close();
  study.close();
  temp.remove();

  if (settled.some((job) => job.status !== 'succeeded')) {
    throw new AppError('internal', `event-loop bench: ${settled.map((j) => `${j.kind} ${j.status}`).join(', ')}`);
  }
  return {
    maxMs: delay.max / 1e6,
    p99Ms: delay.percentile(99) / 1e6,
    meanMs: delay.mean / 1e6,
    wallMs,
    submitWaitedMs,
    onMainMs,
  };
}
