import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import type { JobBackend, JobOutcome, JobTask, RunHooks, RunningJob } from './backend';
import { createCancelFlag, requestCancel } from './cancel-signal';
import type { RunMessage, WorkerMessage } from './worker-protocol';

/** Leaves one core to the UI and the server. */
export const defaultPoolSize = Math.max(1, availableParallelism() - 1);

/** Where the bundled app keeps the worker: out/main/electron.js and out/cli/salience.js both sit one level below out/. */
export const bundledWorkerUrl = new URL('../jobs/worker.js', import.meta.url);

export interface WorkerPoolOptions {
  /** Threads at most (default: cores − 1, at least 1); started when first needed, then kept. */
  size?: number;
  /** The worker script (default: the bundled `out/jobs/worker.js`). */
  workerUrl?: URL;
}

interface Assignment {
  task: JobTask;
  hooks: RunHooks;
  cancelFlag: SharedArrayBuffer;
  settle(outcome: JobOutcome): void;
}

interface PoolWorker {
  thread: Worker;
  current: Assignment | null;
}

/** Runs tasks on worker threads, one task per thread at a time, first come first served. */
export class WorkerPool implements JobBackend {
  private readonly size: number;
  private readonly workerPath: string;
  private readonly workers = new Set<PoolWorker>();
  private readonly waiting: Assignment[] = [];

  constructor(options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize));
    this.workerPath = fileURLToPath(options.workerUrl ?? bundledWorkerUrl);
    if (!existsSync(this.workerPath)) {
      throw new AppError('not-found', `${this.workerPath}: the job worker is not built; run 'npm run build'`);
    }
  }

  run(task: JobTask, hooks: RunHooks): RunningJob {
    let settle: (outcome: JobOutcome) => void = () => undefined;
    const outcome = new Promise<JobOutcome>((resolve) => (settle = resolve));
    const assignment: Assignment = { task, hooks, cancelFlag: createCancelFlag(), settle };
    this.waiting.push(assignment);
    this.dispatch();
    return {
      outcome,
      cancel: () => {
        const index = this.waiting.indexOf(assignment);
        if (index >= 0) {
          this.waiting.splice(index, 1);
          settle({ status: 'cancelled' });
        } else {
          requestCancel(assignment.cancelFlag);
        }
      },
    };
  }

  /** Terminates every thread; tasks not finished settle as cancelled. */
  async close(): Promise<void> {
    for (const assignment of this.waiting.splice(0)) assignment.settle({ status: 'cancelled' });
    const workers = [...this.workers];
    this.workers.clear();
    for (const worker of workers) worker.current?.settle({ status: 'cancelled' });
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }

  private dispatch(): void {
    for (;;) {
      const worker = [...this.workers].find((w) => w.current === null) ?? this.spawn();
      if (worker === undefined) return;
      const assignment = this.waiting.shift();
      if (assignment === undefined) return;
      worker.current = assignment;
      assignment.hooks.onStart();
      const message: RunMessage = { task: assignment.task, cancelFlag: assignment.cancelFlag };
      worker.thread.postMessage(message);
    }
  }

  private spawn(): PoolWorker | undefined {
    if (this.workers.size >= this.size || this.waiting.length === 0) return undefined;
    const worker: PoolWorker = { thread: new Worker(this.workerPath), current: null };
    this.workers.add(worker);
    worker.thread.on('message', (message: WorkerMessage) => {
      const assignment = worker.current;
      if (assignment === null) return;
      if (message.type === 'progress') {
        assignment.hooks.onProgress({ fraction: message.fraction, phase: message.phase });
        return;
      }
      worker.current = null;
      assignment.settle(message.outcome);
      this.dispatch();
    });
    worker.thread.on('error', (error) => this.lose(worker, `the job's worker thread failed: ${error.message}`));
    worker.thread.on('exit', (code) => this.lose(worker, `the job's worker thread stopped (exit code ${code})`));
    return worker;
  }

  /** A thread that died takes its task with it; the next task gets a fresh thread. */
  private lose(worker: PoolWorker, reason: string): void {
    if (!this.workers.delete(worker)) return;
    worker.current?.settle({ status: 'failed', error: reason });
    worker.current = null;
    this.dispatch();
  }
}
