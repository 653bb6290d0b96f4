/**
 * How long the main thread's event loop stalls while jobs run (issue 9 asks for never more than
 * 50 ms). An import of a long CSV record holds the study's write lock for its whole transaction
 * while a record-statistics job runs beside it and a third job is submitted meanwhile (its row
 * must wait for the lock). For contrast, the same import run on the main thread.
 *
 * From the repository root, after `npm run build` (for out/jobs/worker.js):
 *   npx esbuild src-main/jobs/bench/event-loop-delay.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=node_modules/.cache/salience/event-loop-delay.mjs \
 *     && node node_modules/.cache/salience/event-loop-delay.mjs [rows]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { importSources, openSources } from '../../formats';
import { openStudy } from '../../store';
import { openJobQueue } from '../job-queue';
import { createStatisticsStudy } from '../testing/statistics-study';

const rows = Number(process.argv[2] ?? 1_000_000);
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

const ms = (ns: number) => (ns / 1e6).toFixed(1);
console.log(`jobs: ${settled.map((j) => `${j.kind} ${j.status}`).join(', ')}; ${rows} CSV rows × 2 channels`);
console.log(`all jobs done in ${(wallMs / 1000).toFixed(1)} s with the event loop free:`);
console.log(
  `  event-loop delay max ${ms(delay.max)} ms, p99 ${ms(delay.percentile(99))} ms, mean ${ms(delay.mean)} ms (${delay.count} samples)`,
);
console.log(
  `  a job submitted during the import waited ${submitWaitedMs.toFixed(0)} ms for the write lock, on a timer`,
);
console.log(`the same import on the main thread blocks its event loop for ${onMainMs.toFixed(0)} ms`);
