import type { Study } from '../../store';
import { createCancelFlag, requestCancel, sharedCancelSignal } from '../cancel-signal';
import type { JobContext, ProgressReport } from '../job-kind';
import { insertJob } from '../job-rows';
import { thisRunner } from '../runner';

export interface InProcessRun {
  context: JobContext<unknown>;
  reports: ProgressReport[];
  /** What the handler saved, JSON round-tripped as the study would keep it. */
  checkpoints: Map<string, string>;
  /** Cancel, as the queue asks it: the handler sees it at its next step. */
  cancel(): void;
}

export interface InProcessOptions {
  seed?: number;
  /** Checkpoints of an earlier run, to resume from. */
  checkpoints?: Map<string, string>;
  /** Called after each progress report is recorded. */
  onReport?(report: ProgressReport, count: number): void;
}

/**
 * A handler's context on the test's own thread: a job row for the results to reference, an
 * in-memory checkpoint store and the queue's own cancel flag. Lets a test act between two steps.
 */
export function inProcessRun(
  study: Study,
  kind: string,
  params: unknown,
  options: InProcessOptions = {},
): InProcessRun {
  const seed = options.seed ?? 1;
  const jobId = insertJob(study.db, { kind, params, seed, createdBy: 'test', runner: thisRunner }, new Date());
  const reports: ProgressReport[] = [];
  const checkpoints = options.checkpoints ?? new Map<string, string>();
  const cancelFlag = createCancelFlag();
  const context: JobContext<unknown> = {
    jobId,
    params,
    study,
    seed,
    actor: 'test',
    signal: sharedCancelSignal(cancelFlag),
    reportProgress: (report) => {
      reports.push(report);
      options.onReport?.(report, reports.length);
    },
    checkpoint: {
      load: (key) => {
        const value = checkpoints.get(key);
        return value === undefined ? undefined : (JSON.parse(value) as unknown);
      },
      save: (key, value) => checkpoints.set(key, JSON.stringify(value)),
    },
  };
  return { context, reports, checkpoints, cancel: () => requestCancel(cancelFlag) };
}
