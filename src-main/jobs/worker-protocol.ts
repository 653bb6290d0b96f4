import type { JobOutcome, JobTask } from './backend';
import type { ProgressReport } from './job-kind';

/** The messages between a pool and one of its worker threads; one task at a time per worker. */
export interface RunMessage {
  task: JobTask;
  cancelFlag: SharedArrayBuffer;
}

export type WorkerMessage = ({ type: 'progress' } & ProgressReport) | { type: 'outcome'; outcome: JobOutcome };
