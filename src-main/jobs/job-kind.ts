import { z } from 'zod';
import { AppError } from '../errors';
import type { Study } from '../store';
import type { JobResult } from './job-schema';

/**
 * A job kind is a name, a zod schema for its parameters and a handler that runs in a worker.
 * Explainers, training and batch prediction plug in as one file each in `kinds/` and one line
 * in the registry; the queue, the pool and resume know nothing about any particular kind.
 */
export interface JobContext<P> {
  jobId: number;
  params: P;
  /** The study, opened in the worker for this run (with a long busy timeout: waiting there blocks nobody). */
  study: Study;
  /** Fixed when the job is submitted: a resumed or re-run job draws the same numbers. */
  seed: number;
  /** Who submitted the job, for the audit rows the handler writes. */
  actor: string;
  signal: CancelSignal;
  reportProgress: (progress: ProgressReport) => void;
  checkpoint: Checkpoints;
}

export interface ProgressReport {
  /** 0 to 1 over the whole job, resumed parts included. */
  fraction: number;
  /** What is happening now, for a person: `record 3/40: 100`. */
  phase: string;
}

/**
 * Cancel, readable from a synchronous loop: it is shared memory, not a message, so a handler
 * that never yields to the event loop still sees it at its next step.
 */
export interface CancelSignal {
  readonly cancelled: boolean;
  /** Call once per step; throws JobCancelled once cancel was asked. */
  throwIfCancelled(): void;
}

/**
 * Durable per-job state. A value saved here survives a crash of the app; a resumed run reads
 * it back and skips the work it stands for. Values are JSON.
 */
export interface Checkpoints {
  /** What an earlier run of this job saved under `key`, or undefined. */
  load(key: string): unknown;
  /** Saves `value` under `key` in its own transaction (or inside the caller's, when one is open). */
  save(key: string, value: unknown): void;
}

/** Thrown at a step boundary once cancel was asked; the worker turns it into a `cancelled` outcome. */
export class JobCancelled extends Error {
  constructor() {
    super('the job was cancelled');
    this.name = 'JobCancelled';
  }
}

/** A kind as the registry holds it: parameters checked at submit time and again in the worker. */
export interface JobKind {
  name: string;
  /** Parses submitted parameters; an AppError ('invalid-request') says what is wrong. */
  parseParams(raw: unknown): unknown;
  run(context: JobContext<unknown>): Promise<JobResult>;
}

export interface JobKindDefinition<S extends z.ZodType> {
  name: string;
  params: S;
  run(context: JobContext<z.output<S>>): Promise<JobResult>;
}

/** Types a kind's handler by its schema and hides the parameter type from the registry. */
export function defineJobKind<S extends z.ZodType>(definition: JobKindDefinition<S>): JobKind {
  const parseParams = (raw: unknown): z.output<S> => {
    const parsed = definition.params.safeParse(raw);
    if (parsed.success) return parsed.data;
    throw new AppError(
      'invalid-request',
      `${definition.name} job: invalid parameters: ${z.prettifyError(parsed.error)}`,
    );
  };
  return {
    name: definition.name,
    parseParams,
    run: (context) => definition.run({ ...context, params: parseParams(context.params) }),
  };
}
