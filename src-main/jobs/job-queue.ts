import type Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import type { JobProgress } from '../api/contract';
import { AppError } from '../errors';
import { appendAudit } from '../store';
import type { JobBackend, JobOutcome, RunningJob } from './backend';
import { EtaEstimator } from './eta';
import type { JobKind, ProgressReport } from './job-kind';
import {
  insertJob,
  listJobs,
  listUnfinishedJobs,
  markQueued,
  markRunning,
  markSettled,
  readJob,
  type Settlement,
} from './job-rows';
import type { Job } from './job-schema';
import { jobKinds } from './kinds';
import { JobLedger } from './ledger';
import { runnerMayBeAlive, thisRunner } from './runner';
import { WorkerPool } from './worker-pool';

export interface JobQueueOptions {
  /** Who the queue acts for when no one asked (marking jobs of a stopped process interrupted). */
  actor: string;
  /** Worker threads (default: cores − 1, at least 1). */
  poolSize?: number;
  /** The worker script (default: the bundled `out/jobs/worker.js`). */
  workerUrl?: URL;
  /** What runs the jobs (default: a worker-thread pool, started with the first job). */
  backend?: JobBackend;
  kinds?: readonly JobKind[];
  /** Least time between two progress events of one job (default 100 ms; 0 sends every step). */
  progressIntervalMs?: number;
  /** How long close() lets running jobs stop at a step boundary before it terminates them (default 2 s). */
  shutdownGraceMs?: number;
}

export interface SubmitOptions {
  actor: string;
  /** Default: drawn at random and stored, so a resume or re-run draws the same numbers. */
  seed?: number;
}

/**
 * The job queue of one study, on the thread that serves the UI (or the CLI). It persists every
 * job in the study, hands jobs to a backend (worker threads), publishes progress and status
 * changes, and on open marks the jobs of a process that died as interrupted. It never blocks
 * on SQLite's write lock (see JobLedger) and never runs a job itself.
 */
export interface JobQueue {
  readonly studyPath: string;
  /** Validates the parameters, stores the job and starts it when a worker is free. */
  submit(kind: string, params: unknown, options: SubmitOptions): Promise<Job>;
  get(id: number): Job;
  /** Newest first, with live progress for the jobs running here. */
  list(limit?: number): Job[];
  /** Stops a job at its next step (a queued one at once); resolves once it stopped. */
  cancel(id: number, actor: string): Promise<Job>;
  /** Runs an interrupted, failed or cancelled job again from its checkpoints. */
  resume(id: number, actor: string): Promise<Job>;
  /** A new job with the same kind, parameters and seed, from scratch. */
  rerun(id: number, actor: string): Promise<Job>;
  /** Resolves once the job no longer runs here. */
  settled(id: number): Promise<Job>;
  /** Events of exactly the API's `jobProgress` shape; returns the unsubscribe function. */
  onProgress(listener: (progress: JobProgress) => void): () => void;
  /** Every status change (queued, running, settled); returns the unsubscribe function. */
  onChange(listener: (job: Job) => void): () => void;
  /** Stops running jobs at a step boundary (they become interrupted, resumable) and closes. */
  close(): Promise<void>;
}

export async function openJobQueue(studyPath: string, options: JobQueueOptions): Promise<JobQueue> {
  const ledger = JobLedger.open(studyPath);
  try {
    await ledger.write((db) => interruptOrphanedJobs(db, options.actor));
    return new Queue(studyPath, ledger, options);
  } catch (error) {
    await ledger.close();
    throw error;
  }
}

/** Marks interrupted the jobs queued or running in a process that no longer exists: it cannot finish them. */
function interruptOrphanedJobs(db: Database.Database, actor: string): void {
  for (const job of listUnfinishedJobs(db)) {
    if (runnerMayBeAlive(job.runner)) continue;
    markSettled(db, job.id, { status: 'interrupted' }, new Date());
    appendAudit(db, {
      actor,
      action: 'job-interrupt',
      entity: 'job',
      entityId: String(job.id),
      details: { reason: `the process that ran it (${job.runner ?? 'unknown'}) stopped` },
    });
  }
}

interface ActiveJob {
  running: RunningJob;
  /** Who asked to cancel; a job stopped without one was stopped by close() and is interrupted. */
  cancelledBy: string | null;
  settled: Promise<Job>;
  progress: ProgressReport | null;
  eta: EtaEstimator;
  lastEventMs: number;
}

const resumable: readonly Job['status'][] = ['interrupted', 'failed', 'cancelled'];

const settledActions: Record<Settlement['status'], string> = {
  succeeded: 'job-finish',
  failed: 'job-finish',
  cancelled: 'job-cancel',
  interrupted: 'job-interrupt',
};

class Queue implements JobQueue {
  private readonly active = new Map<number, ActiveJob>();
  private readonly progressListeners = new Set<(progress: JobProgress) => void>();
  private readonly changeListeners = new Set<(job: Job) => void>();
  private readonly kinds: readonly JobKind[];
  private readonly progressIntervalMs: number;
  private readonly shutdownGraceMs: number;
  private closing = false;
  private pool: JobBackend | undefined;

  constructor(
    readonly studyPath: string,
    private readonly ledger: JobLedger,
    private readonly options: JobQueueOptions,
  ) {
    this.pool = options.backend;
    this.kinds = options.kinds ?? jobKinds;
    this.progressIntervalMs = options.progressIntervalMs ?? 100;
    this.shutdownGraceMs = options.shutdownGraceMs ?? 2000;
  }

  async submit(kindName: string, params: unknown, { actor, seed }: SubmitOptions): Promise<Job> {
    this.refuseWhenClosing();
    const kind = this.kinds.find((k) => k.name === kindName);
    if (kind === undefined) {
      const known = this.kinds.map((k) => k.name).join(', ');
      throw new AppError('invalid-request', `no job kind '${kindName}'; expected one of ${known}`);
    }
    const backend = this.backend();
    const job = {
      kind: kind.name,
      params: kind.parseParams(params),
      seed: seed ?? randomInt(0, 2 ** 31),
      createdBy: actor,
      runner: thisRunner,
    };
    const id = await this.ledger.write((db) => insertJob(db, job, new Date()));
    return this.start(backend, id);
  }

  get(id: number): Job {
    return this.withLiveProgress(readJob(this.ledger.db, id));
  }

  list(limit?: number): Job[] {
    return listJobs(this.ledger.db, limit).map((job) => this.withLiveProgress(job));
  }

  async cancel(id: number, actor: string): Promise<Job> {
    const active = this.active.get(id);
    if (active !== undefined) {
      active.cancelledBy ??= actor;
      active.running.cancel();
      return active.settled;
    }
    await this.ledger.write((db) => {
      const { status } = readJob(db, id);
      if (status !== 'interrupted') throw new AppError('invalid-request', cannotCancel(id, status));
      markSettled(db, id, { status: 'cancelled' }, new Date());
      appendAudit(db, { actor, action: 'job-cancel', entity: 'job', entityId: String(id), details: { was: status } });
    });
    return this.announce(id);
  }

  async resume(id: number, actor: string): Promise<Job> {
    this.refuseWhenClosing();
    const backend = this.backend();
    await this.ledger.write((db) => {
      const { status } = readJob(db, id);
      if (this.active.has(id) || !resumable.includes(status)) {
        throw new AppError(
          'invalid-request',
          `job ${id} is ${status}; only an interrupted, failed or cancelled job resumes`,
        );
      }
      markQueued(db, id, thisRunner);
      appendAudit(db, { actor, action: 'job-resume', entity: 'job', entityId: String(id), details: { was: status } });
    });
    return this.start(backend, id);
  }

  async rerun(id: number, actor: string): Promise<Job> {
    const job = readJob(this.ledger.db, id);
    return this.submit(job.kind, job.params, { actor, seed: job.seed });
  }

  settled(id: number): Promise<Job> {
    return this.active.get(id)?.settled ?? Promise.resolve(readJob(this.ledger.db, id));
  }

  onProgress(listener: (progress: JobProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  onChange(listener: (job: Job) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const stopping = [...this.active.values()];
    for (const job of stopping) job.running.cancel();
    const allSettled = Promise.allSettled(stopping.map((job) => job.settled));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([allSettled, new Promise((resolve) => (timer = setTimeout(resolve, this.shutdownGraceMs)))]);
    clearTimeout(timer);
    await this.pool?.close();
    await allSettled;
    await this.ledger.close();
  }

  /** The pool starts with the first job, so a queue opened only to list or cancel needs no worker. */
  private backend(): JobBackend {
    this.pool ??= new WorkerPool({ size: this.options.poolSize, workerUrl: this.options.workerUrl });
    return this.pool;
  }

  private start(backend: JobBackend, id: number): Job {
    const job = readJob(this.ledger.db, id);
    let started: Promise<unknown> = Promise.resolve();
    const running = backend.run(
      {
        jobId: id,
        kind: job.kind,
        params: job.params,
        seed: job.seed,
        actor: job.createdBy,
        studyPath: this.studyPath,
      },
      {
        onStart: () => {
          started = this.recordStart(job);
        },
        onProgress: (progress) => this.progress(id, progress),
      },
    );
    const active: ActiveJob = {
      running,
      cancelledBy: null,
      settled: running.outcome.then(async (outcome) => {
        await started;
        return this.recordOutcome(job, outcome);
      }),
      progress: null,
      eta: new EtaEstimator(),
      lastEventMs: Number.NEGATIVE_INFINITY,
    };
    // A caller that never waits for the job must not meet an unhandled rejection.
    active.settled.catch(() => undefined);
    this.active.set(id, active);
    this.emitChange(job);
    return job;
  }

  private recordStart(job: Job): Promise<unknown> {
    const written = this.ledger
      .write((db) => {
        markRunning(db, job.id, new Date());
        appendAudit(db, {
          actor: job.createdBy,
          action: 'job-start',
          entity: 'job',
          entityId: String(job.id),
          details: { kind: job.kind, seed: job.seed, attempt: job.attempts + 1 },
        });
      })
      .then(() => this.announce(job.id));
    written.catch(() => undefined);
    return written;
  }

  private async recordOutcome(job: Job, outcome: JobOutcome): Promise<Job> {
    const active = this.active.get(job.id);
    const cancelledBy = active?.cancelledBy ?? null;
    const settlement: Settlement =
      outcome.status === 'cancelled' && cancelledBy === null ? { status: 'interrupted' } : outcome;
    try {
      await this.ledger.write((db) => {
        markSettled(db, job.id, settlement, new Date());
        appendAudit(db, {
          actor: cancelledBy ?? job.createdBy,
          action: settledActions[settlement.status],
          entity: 'job',
          entityId: String(job.id),
          details: auditDetails(settlement),
        });
      });
    } finally {
      this.active.delete(job.id);
    }
    return this.announce(job.id);
  }

  private progress(id: number, report: ProgressReport): void {
    const active = this.active.get(id);
    if (active === undefined) return;
    active.progress = report;
    const etaSec = active.eta.estimate(report.fraction);
    const now = performance.now();
    if (now - active.lastEventMs < this.progressIntervalMs) return;
    active.lastEventMs = now;
    const event: JobProgress = { jobId: id, fraction: report.fraction, phase: report.phase, etaSec };
    for (const listener of this.progressListeners) listener(event);
  }

  private announce(id: number): Job {
    const job = this.get(id);
    this.emitChange(job);
    return job;
  }

  private emitChange(job: Job): void {
    for (const listener of this.changeListeners) listener(job);
  }

  private withLiveProgress(job: Job): Job {
    const progress = this.active.get(job.id)?.progress;
    return progress === undefined || progress === null ? job : { ...job, ...progress };
  }

  private refuseWhenClosing(): void {
    if (this.closing) throw new AppError('invalid-request', 'the job queue is closing; no new job starts');
  }
}

function cannotCancel(id: number, status: Job['status']): string {
  return status === 'queued' || status === 'running'
    ? `job ${id} is ${status} in another process; cancel it there`
    : `job ${id} is already ${status}`;
}

function auditDetails(settlement: Settlement): Record<string, unknown> {
  switch (settlement.status) {
    case 'succeeded':
      return { status: 'succeeded', table: settlement.result.table, ids: settlement.result.ids };
    case 'failed':
      return { status: 'failed', error: settlement.error };
    default:
      return { status: settlement.status };
  }
}
