import type Database from 'better-sqlite3';
import { AppError, errorMessage } from '../errors';
import { openStudy, type Study } from '../store';
import type { JobOutcome, JobTask } from './backend';
import { sharedCancelSignal } from './cancel-signal';
import { JobCancelled, type Checkpoints, type JobKind, type ProgressReport } from './job-kind';
import { loadCheckpoint, saveCheckpoint } from './job-rows';

/** A worker may wait this long for the study's write lock (an import holds it for its whole run). */
const workerBusyTimeoutMs = 10 * 60_000;

/**
 * Runs one task inside a worker: opens the study, builds the handler's context and turns
 * however the handler ends into an outcome. The study's job row is not touched here: the
 * queue records the outcome, so a distributed backend keeps the same split.
 */
export async function runTask(
  task: JobTask,
  kinds: readonly JobKind[],
  cancelFlag: SharedArrayBuffer,
  onProgress: (progress: ProgressReport) => void,
): Promise<JobOutcome> {
  let study: Study | undefined;
  try {
    const kind = kinds.find((k) => k.name === task.kind);
    if (kind === undefined)
      throw new AppError('not-found', `no job kind '${task.kind}' in this version of Salience Workbench`);
    study = openStudy(task.studyPath);
    study.db.pragma(`busy_timeout = ${workerBusyTimeoutMs}`);
    let latest: ProgressReport = { fraction: 0, phase: '' };
    const result = await kind.run({
      jobId: task.jobId,
      params: task.params,
      study,
      seed: task.seed,
      actor: task.actor,
      signal: sharedCancelSignal(cancelFlag),
      reportProgress: (progress) => {
        latest = progress;
        onProgress(progress);
      },
      checkpoint: checkpointStore(study.db, task.jobId, () => latest),
    });
    return { status: 'succeeded', result };
  } catch (error) {
    if (error instanceof JobCancelled) return { status: 'cancelled' };
    return { status: 'failed', error: errorMessage(error) };
  } finally {
    study?.close();
  }
}

function checkpointStore(db: Database.Database, jobId: number, progress: () => ProgressReport): Checkpoints {
  return {
    load: (key) => loadCheckpoint(db, jobId, key),
    save: (key, value) => saveCheckpoint(db, jobId, key, value, progress(), new Date()),
  };
}
