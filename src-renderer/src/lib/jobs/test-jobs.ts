import type { Job } from '$api/contract';

/** A job of `kind` as the queue answers a start: queued, nothing run yet. For component tests. */
export function queuedJob(kind: string, id: number): Job {
  return {
    id,
    kind,
    params: {},
    seed: 0,
    status: 'queued',
    fraction: 0,
    phase: '',
    attempts: 0,
    createdBy: 'tester',
    createdAt: '',
    startedAt: null,
    finishedAt: null,
    error: null,
    result: null,
  };
}
