import { describe, expect, it } from 'vitest';
import type { ApiParams, Job, JobProgress } from '$api/contract';
import type { ApiEventName } from '$api/method-names';
import { ExplainJob } from './explain-job.svelte';
import type { JobShown } from './saliency-view.svelte';

function job(id: number, status: Job['status'], error: string | null = null): Job {
  return {
    id,
    kind: 'explain',
    params: {},
    seed: 0,
    status,
    fraction: 0,
    phase: '',
    attempts: 1,
    createdBy: 'tester',
    createdAt: '',
    startedAt: null,
    finishedAt: null,
    error,
    result: null,
  };
}

function progress(jobId: number, fraction: number, phase: string): JobProgress {
  return { jobId, fraction, phase, etaSec: 3 };
}

/** The API as the job sees it: events are pushed by the test; startExplain answers when told. */
class FakeQueue {
  private listener: ((event: ApiEventName, payload: unknown) => void) | null = null;
  started: ApiParams<'startExplain'>[] = [];
  cancelled: number[] = [];
  answer: (job: Job) => void = () => undefined;

  onEvent = (listener: (event: ApiEventName, payload: unknown) => void): (() => void) => {
    this.listener = listener;
    return () => (this.listener = null);
  };
  startExplain = (params: ApiParams<'startExplain'>): Promise<Job> => {
    this.started.push(params);
    return new Promise((resolve) => (this.answer = resolve));
  };
  cancelJob = ({ jobId }: { jobId: number }): Promise<Job> => {
    this.cancelled.push(jobId);
    return Promise.resolve(job(jobId, 'cancelled'));
  };
  emit(event: ApiEventName, payload: unknown): void {
    this.listener?.(event, payload);
  }
}

const params = {
  model: 'ecg-beat-cnn',
  methods: ['integrated-gradients', 'occlusion'],
  records: { ids: [1] },
  fromSec: 0,
};

describe('ExplainJob', () => {
  it('follows its job’s progress, and reports results when an item finishes and when the job ends', async () => {
    const queue = new FakeQueue();
    const results: JobShown[] = [];
    const explain = new ExplainJob(queue, (shown) => results.push(shown));
    const starting = explain.start(params);
    queue.answer(job(4, 'queued'));
    await starting;
    expect(queue.started).toEqual([params]);
    expect(explain.running).toBe(true);

    queue.emit('jobProgress', progress(9, 0.5, 'someone else'));
    expect(explain.progress).toBeNull();
    queue.emit('jobProgress', progress(4, 0.1, 'demo-ecg-01 integrated-gradients (1/2)'));
    queue.emit('jobProgress', progress(4, 0.3, 'demo-ecg-01 integrated-gradients (1/2)'));
    expect(results).toEqual([]);
    queue.emit('jobProgress', progress(4, 0.5, 'demo-ecg-01 occlusion (2/2)'));
    expect(results).toEqual([{ jobId: 4, methods: ['integrated-gradients', 'occlusion'] }]);
    expect(explain.progress?.fraction).toBe(0.5);

    queue.emit('jobChanged', job(4, 'succeeded'));
    expect(results.map((r) => r.jobId)).toEqual([4, 4]);
    expect(explain.running).toBe(false);
    expect(explain.error).toBeNull();
    explain.dispose();
  });

  it('keeps updates that arrive before the job’s id is known', async () => {
    const queue = new FakeQueue();
    const results: number[] = [];
    const explain = new ExplainJob(queue, (shown) => results.push(shown.jobId));
    const starting = explain.start(params);
    queue.emit('jobChanged', job(5, 'failed', 'occlusion: the model has no output'));
    queue.answer(job(5, 'queued'));
    await starting;
    expect(explain.job?.status).toBe('failed');
    expect(explain.error).toBe('occlusion: the model has no output');
    expect(results).toEqual([5]);
  });

  it('cancels its job', async () => {
    const queue = new FakeQueue();
    const explain = new ExplainJob(queue, () => undefined);
    const starting = explain.start(params);
    queue.answer(job(6, 'running'));
    await starting;
    await explain.cancel();
    expect(queue.cancelled).toEqual([6]);
    expect(explain.running).toBe(false);
  });
});
