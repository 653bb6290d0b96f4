import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobProgress } from '../api/contract';
import { openStudy, verifyAudit } from '../store';
import type { TempStudy } from '../../test/support/temp-study';
import { insertJob, markRunning } from './job-rows';
import type { JobStatus } from './job-schema';
import { openJobQueue, type JobQueue } from './job-queue';
import { readChannelStatistics } from './kinds';
import { buildJobBundles, type JobBundles } from './testing/build-job-bundles';
import { createStatisticsStudy } from './testing/statistics-study';

let bundles: JobBundles;
beforeAll(async () => {
  bundles = await buildJobBundles();
});
afterAll(() => bundles.remove());

let temp: TempStudy;
let queue: JobQueue;
beforeEach(() => {
  temp = createStatisticsStudy();
});
afterEach(async () => {
  await queue.close();
  temp.remove();
});

const open = (poolSize = 1) =>
  openJobQueue(temp.path, { actor: 'tester', poolSize, workerUrl: bundles.worker, progressIntervalMs: 0 });

/** Resolves with the first progress event that satisfies `test`. */
function progressWhere(test: (event: JobProgress) => boolean): Promise<JobProgress> {
  return new Promise((resolve) => {
    const stop = queue.onProgress((event) => {
      if (!test(event)) return;
      stop();
      resolve(event);
    });
  });
}

function inStudy<T>(read: (db: Database.Database) => T): T {
  const db = new Database(temp.path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const auditActions = () =>
  inStudy((db) => db.prepare("SELECT action, actor FROM audit_log WHERE entity = 'job' ORDER BY id").all());

const statisticsRows = (jobId: number) =>
  inStudy((db) =>
    db
      .prepare(
        'SELECT channel_id, sample_count, nan_count, mean, std, min, max FROM channel_statistics WHERE job_id = ? ORDER BY channel_id',
      )
      .all(jobId),
  );

// Generous: worker threads on a busy two-core machine. Nothing here measures time.
describe('the job queue', { timeout: 30_000 }, () => {
  it('runs a job on a worker thread, publishing progress in the shape of the API event', async () => {
    queue = await open();
    const events: JobProgress[] = [];
    const statuses: JobStatus[] = [];
    queue.onProgress((event) => events.push(event));
    queue.onChange((job) => statuses.push(job.status));

    const submitted = await queue.submit('record-statistics', { records: { search: 'ha' } }, { actor: 'ana' });
    expect(submitted).toMatchObject({ status: 'queued', kind: 'record-statistics', createdBy: 'ana' });
    const done = await queue.settled(submitted.id);

    expect(done).toMatchObject({ status: 'succeeded', fraction: 1, attempts: 1, error: null });
    expect(done.result?.summary.rows.map((row) => row[0])).toEqual(['record alpha', 'record charlie']);
    expect(statuses).toEqual(['queued', 'running', 'succeeded']);
    expect(events.length).toBeGreaterThan(8);
    for (const event of events) expect(JobProgress.parse(event)).toEqual(event);
    expect(events.every((event, i) => i === 0 || event.fraction >= (events[i - 1]?.fraction ?? 0))).toBe(true);
    const stored = inStudy((db) => readChannelStatistics(db, submitted.id));
    expect(stored.map((s) => `${s.recordName}/${s.channelName}`)).toEqual(['alpha/ch0', 'alpha/ch1', 'charlie/ch0']);
    expect(auditActions()).toEqual([
      { action: 'job-start', actor: 'ana' },
      { action: 'job-finish', actor: 'ana' },
    ]);
    expect(inStudy((db) => verifyAudit(db)).ok).toBe(true);
  });

  it('cancels a running job within a step, stores nothing as complete, and can resume it', async () => {
    queue = await open();
    const job = await queue.submit('record-statistics', {}, { actor: 'ana', seed: 3 });
    // bravo, the second record, takes 300 steps: cancel early in it.
    await progressWhere((event) => event.phase.includes('(2/3)'));
    const cancelled = await queue.cancel(job.id, 'ben');

    expect(cancelled).toMatchObject({ status: 'cancelled', result: null, error: null });
    expect(cancelled.fraction).toBeLessThan(1);
    expect(statisticsRows(job.id)).toEqual([]);
    expect(() => inStudy((db) => readChannelStatistics(db, job.id))).toThrow(/it is cancelled/);
    expect(auditActions().at(-1)).toEqual({ action: 'job-cancel', actor: 'ben' });

    const resumed = await queue.settled((await queue.resume(job.id, 'ben')).id);
    expect(resumed).toMatchObject({ status: 'succeeded', attempts: 2 });
    const rerun = await queue.settled((await queue.rerun(job.id, 'ben')).id);
    expect(rerun.seed).toBe(3);
    expect(statisticsRows(job.id)).toEqual(statisticsRows(rerun.id));
    expect(inStudy((db) => db.prepare('SELECT count(*) FROM job_checkpoints').pluck().get())).toBe(0);
  });

  it('cancels a job that waits for a worker at once, without starting it', async () => {
    queue = await open(1);
    const running = await queue.submit('record-statistics', {}, { actor: 'ana' });
    const waiting = await queue.submit('record-statistics', {}, { actor: 'ana' });
    await expect(queue.cancel(waiting.id, 'ana')).resolves.toMatchObject({ status: 'cancelled', attempts: 0 });
    await expect(queue.cancel(running.id, 'ana')).resolves.toMatchObject({ status: 'cancelled', attempts: 1 });
  });

  it('on close, stops running jobs as interrupted; another queue resumes them', async () => {
    queue = await open();
    const job = await queue.submit('record-statistics', {}, { actor: 'ana' });
    await progressWhere((event) => event.phase.includes('(2/3)'));
    await queue.close();
    expect(inStudy((db) => db.prepare('SELECT status, result FROM jobs').get())).toEqual({
      status: 'interrupted',
      result: null,
    });

    queue = await open();
    await expect(queue.resume(job.id, 'ana').then((j) => queue.settled(j.id))).resolves.toMatchObject({
      status: 'succeeded',
    });
  });

  it('refuses an unknown kind and invalid parameters before storing anything', async () => {
    queue = await open();
    await expect(queue.submit('explain-everything', {}, { actor: 'ana' })).rejects.toThrow(
      /no job kind 'explain-everything'; expected one of import, record-statistics/,
    );
    await expect(queue.submit('record-statistics', { sampleFraction: 2 }, { actor: 'ana' })).rejects.toThrow(
      /record-statistics job: invalid parameters/,
    );
    expect(queue.list()).toEqual([]);
  });

  it('marks the jobs of a process that is gone as interrupted when it opens, and leaves a live one alone', async () => {
    const study = openStudy(temp.path);
    // No process has this id: Linux's ids stop at 2^22.
    const orphan = insertJob(study.db, runningJob(999_999_999), new Date());
    markRunning(study.db, orphan, new Date());
    const alive = insertJob(study.db, runningJob(process.ppid), new Date());
    markRunning(study.db, alive, new Date());
    study.close();

    queue = await open();
    expect(queue.get(orphan).status).toBe('interrupted');
    expect(queue.get(alive).status).toBe('running');
    expect(auditActions()).toEqual([{ action: 'job-interrupt', actor: 'tester' }]);
    await expect(queue.resume(alive, 'ana')).rejects.toThrow(/job \d+ is running; only an interrupted/);
    await expect(queue.cancel(alive, 'ana')).rejects.toThrow(/is running in another process/);
  });
});

/** A job row that the process `pid` of this machine queued and started. */
function runningJob(pid: number) {
  return { kind: 'record-statistics', params: {}, seed: 1, createdBy: 'ana', runner: `${hostname()}:${pid}` };
}

describe('the import job', { timeout: 30_000 }, () => {
  let files: string[];
  beforeEach(() => {
    files = ['first', 'second'].map((name, n) => {
      const rows = Array.from({ length: 150_000 }, (_, i) => `${(i / 250).toFixed(3)},${(i % 97) + n},${-i % 31}`);
      const path = join(temp.dir, `${name}.csv`);
      writeFileSync(path, `t,lead (mV),resp (mV)\n${rows.join('\n')}\n`);
      return path;
    });
  });

  const recordNames = () => inStudy((db) => db.prepare('SELECT name FROM records ORDER BY name').pluck().all());

  it('imports files through the pipeline as one transaction', async () => {
    queue = await open();
    const job = await queue.settled((await queue.submit('import', { paths: files }, { actor: 'ana' })).id);
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ table: 'records', key: 'id', ids: [4, 5] });
    expect(job.result?.summary.rows.map((row) => row[0])).toEqual(['first', 'second']);
    expect(recordNames()).toEqual(['alpha', 'bravo', 'charlie', 'first', 'second']);
    expect(auditActions().map((row) => (row as { action: string }).action)).toEqual(['job-start', 'job-finish']);
  });

  it('leaves the study unchanged when cancelled before the commit', async () => {
    queue = await open();
    const job = await queue.submit('import', { paths: files }, { actor: 'ana' });
    // Holding the write lock keeps the import from starting its transaction until cancel was asked.
    const blocker = new Database(temp.path);
    blocker.exec('BEGIN IMMEDIATE');
    await progressWhere((event) => event.jobId === job.id);
    const cancelling = queue.cancel(job.id, 'ana');
    blocker.exec('COMMIT');
    blocker.close();
    await expect(cancelling).resolves.toMatchObject({ status: 'cancelled', result: null });
    expect(recordNames()).toEqual(['alpha', 'bravo', 'charlie']);
  });

  it('refuses a relative path', async () => {
    queue = await open();
    await expect(queue.submit('import', { paths: ['first.csv'] }, { actor: 'ana' })).rejects.toThrow(
      /expected an absolute path/,
    );
  });
});

/** Runs the crash test's child process to its end; resolves with how it ended and what it printed. */
function runUntilKilled(...args: string[]): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(process.execPath, [fileURLToPath(bundles.runUntilKilled), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  return new Promise((resolve) => child.on('close', (_code, signal) => resolve({ signal, output })));
}

describe('a job killed with SIGKILL', { timeout: 30_000 }, () => {
  it('leaves a sound study, shows as interrupted, and resumes to the result of an uninterrupted run', async () => {
    const params = { sampleFraction: 0.75 };
    // The child kills itself as soon as the second record (bravo, some 225 steps) begins.
    const killed = await runUntilKilled(temp.path, bundles.worker.href, '(2/3)', JSON.stringify(params), '42');
    expect(killed).toEqual({ signal: 'SIGKILL', output: '' });

    const study = openStudy(temp.path);
    expect(study.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(study.db.prepare('SELECT id, status FROM jobs').all()).toEqual([{ id: 1, status: 'running' }]);
    expect(study.db.prepare('SELECT key FROM job_checkpoints ORDER BY key').pluck().all()).toEqual([
      'cohort:items',
      'item:1',
    ]);
    study.close();

    queue = await open();
    expect(queue.get(1)).toMatchObject({ status: 'interrupted', result: null, seed: 42 });
    expect(statisticsRows(1)).toEqual([]);
    const phases: string[] = [];
    queue.onProgress((event) => phases.push(event.phase));
    await expect(queue.resume(1, 'ana').then((job) => queue.settled(job.id))).resolves.toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    expect(phases.filter((phase) => phase.includes('(1/3)'))).toEqual([]);

    const reference = await queue.settled(
      (await queue.submit('record-statistics', params, { actor: 'ana', seed: 42 })).id,
    );
    expect(statisticsRows(1)).toHaveLength(4);
    expect(statisticsRows(1)).toEqual(statisticsRows(reference.id));
    expect(auditActions().map((row) => (row as { action: string }).action)).toEqual([
      'job-start',
      'job-interrupt',
      'job-resume',
      'job-start',
      'job-finish',
      'job-start',
      'job-finish',
    ]);
    expect(inStudy((db) => verifyAudit(db)).ok).toBe(true);
  });
});
