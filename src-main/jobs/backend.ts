import type { ProgressReport } from './job-kind';
import type { JobResult } from './job-schema';

/**
 * The seam between the queue (which persists jobs, audits and publishes progress) and what
 * runs them. Today a pool of worker threads; later, possibly a Redis queue with `salience
 * worker` processes on other machines (docs/JOBS.md). Everything crossing it is plain data.
 */
export interface JobBackend {
  /** Runs `task` as soon as a worker is free. */
  run(task: JobTask, hooks: RunHooks): RunningJob;
  /** Stops every worker; a job still running is abandoned (its outcome never settles). */
  close(): Promise<void>;
}

/** Everything a worker is given: a job is its row, not an object in memory. */
export interface JobTask {
  jobId: number;
  kind: string;
  params: unknown;
  seed: number;
  actor: string;
  studyPath: string;
}

export interface RunHooks {
  /** A worker took the task. */
  onStart(): void;
  onProgress(progress: ProgressReport): void;
}

export interface RunningJob {
  /** Settles once the task stopped, however it stopped. */
  readonly outcome: Promise<JobOutcome>;
  /** Asks the task to stop at its next step (or drops it if no worker took it yet). */
  cancel(): void;
}

export type JobOutcome =
  { status: 'succeeded'; result: JobResult } | { status: 'failed'; error: string } | { status: 'cancelled' };
