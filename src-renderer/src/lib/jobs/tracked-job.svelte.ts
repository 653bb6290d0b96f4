import type { Job, JobProgress } from '$api/contract';
import type { ApiClient } from '../api';

const finished: readonly Job['status'][] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

/**
 * One job started from a view (an explain run, an import): its status, its progress as the queue
 * reports it, and a call to `onResults` each time some of its results are stored (an item
 * finished: the progress phase moves on to the next, or the job ended).
 */
export class TrackedJob<P> {
  private readonly api: Pick<ApiClient, 'cancelJob' | 'onEvent'>;
  /** Starts the job; null when nothing was started (a file dialog cancelled). */
  private readonly submit: (params: P) => Promise<Job | null>;
  private readonly onResults: (jobId: number) => void;
  private readonly stopListening: () => void;
  /** Job updates that arrived while the start call had not yet answered with the job's id. */
  private early: Job[] = [];
  private starting = false;
  job = $state.raw<Job | null>(null);
  progress = $state.raw<JobProgress | null>(null);
  error: string | null = $state(null);
  readonly running: boolean = $derived(this.job !== null && !finished.includes(this.job.status));

  constructor(
    api: Pick<ApiClient, 'cancelJob' | 'onEvent'>,
    submit: (params: P) => Promise<Job | null>,
    onResults: (jobId: number) => void,
  ) {
    this.api = api;
    this.submit = submit;
    this.onResults = onResults;
    this.stopListening = api.onEvent((event, payload) => {
      if (event === 'jobProgress') this.progressed(payload as JobProgress);
      else this.changed(payload as Job);
    });
  }

  async start(params: P): Promise<void> {
    this.error = null;
    this.progress = null;
    this.starting = true;
    try {
      const job = await this.submit(params);
      if (job === null) return;
      this.job = job;
      for (const update of this.early.filter((e) => e.id === job.id)) this.changed(update);
    } catch (failure) {
      this.error = (failure as Error).message;
    } finally {
      this.starting = false;
      this.early = [];
    }
  }

  async cancel(): Promise<void> {
    if (this.job === null) return;
    try {
      this.changed(await this.api.cancelJob({ jobId: this.job.id }));
    } catch (failure) {
      this.error = (failure as Error).message;
    }
  }

  dispose(): void {
    this.stopListening();
  }

  private progressed(progress: JobProgress): void {
    if (this.job === null || progress.jobId !== this.job.id || !this.running) return;
    const previous = this.progress;
    this.progress = progress;
    if (previous !== null && previous.phase !== progress.phase) this.onResults(progress.jobId);
  }

  private changed(job: Job): void {
    if (job.id !== this.job?.id) {
      if (this.starting) this.early.push(job);
      return;
    }
    const wasRunning = this.running;
    this.job = job;
    if (job.status === 'failed') this.error = job.error ?? 'the job failed';
    if (wasRunning && finished.includes(job.status)) this.onResults(job.id);
  }
}
