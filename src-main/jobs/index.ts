/**
 * Jobs: a queue persisted in the study, a worker-thread pool that runs the jobs, progress
 * events, cancel within one step, and resume after a crash from per-item checkpoints.
 * docs/JOBS.md says how the pieces fit and how a distributed backend would replace the pool.
 */
export { openJobQueue, type JobQueue, type JobQueueOptions, type SubmitOptions } from './job-queue';
export { Job, JobResult, JobStatus, SummaryTable } from './job-schema';
export {
  defineJobKind,
  JobCancelled,
  type CancelSignal,
  type Checkpoints,
  type JobContext,
  type JobKind,
  type JobKindDefinition,
  type ProgressReport,
} from './job-kind';
export {
  runCohort,
  type CohortItem,
  type CohortOutcome,
  type CohortWork,
  type PreparedItem,
  type StepClock,
} from './cohort';
export type { JobBackend, JobOutcome, JobTask, RunHooks, RunningJob } from './backend';
export { WorkerPool, defaultPoolSize, type WorkerPoolOptions } from './worker-pool';
export {
  jobKinds,
  ImportParams,
  RecordStatisticsParams,
  readChannelStatistics,
  type StoredChannelStatistics,
} from './kinds';
export { createProgressPrinter, type ProgressOutput, type ProgressPrinter } from './progress-text';
