import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { JobResult, type Job, type JobStatus } from './job-schema';

/** The jobs and job_checkpoints tables: every SQL statement about them lives here. */

interface JobRow {
  id: number;
  kind: string;
  params: string;
  seed: number;
  status: JobStatus;
  fraction: number;
  phase: string;
  attempts: number;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  runner: string | null;
  error: string | null;
  result: string | null;
}

export interface NewJob {
  kind: string;
  params: unknown;
  seed: number;
  createdBy: string;
  runner: string;
}

export function insertJob(db: Database.Database, job: NewJob, at: Date): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO jobs (kind, params, seed, status, created_by, created_at, runner)
       VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
    )
    .run(job.kind, JSON.stringify(job.params), job.seed, job.createdBy, at.toISOString(), job.runner);
  return Number(lastInsertRowid);
}

export function readJob(db: Database.Database, id: number): Job {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  if (row === undefined) throw new AppError('not-found', `no job ${id} in this study`);
  return toJob(row);
}

/** Newest first. */
export function listJobs(db: Database.Database, limit = 200): Job[] {
  return (db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
}

export interface UnfinishedJob {
  id: number;
  runner: string | null;
}

/** Jobs some process queued or started and has not settled. */
export function listUnfinishedJobs(db: Database.Database): UnfinishedJob[] {
  return db
    .prepare("SELECT id, runner FROM jobs WHERE status IN ('queued', 'running') ORDER BY id")
    .all() as UnfinishedJob[];
}

export function markRunning(db: Database.Database, id: number, at: Date): void {
  db.prepare(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = ?, finished_at = NULL, error = NULL
     WHERE id = ?`,
  ).run(at.toISOString(), id);
}

/** Back in the queue of `runner`, keeping its checkpoints (resume). */
export function markQueued(db: Database.Database, id: number, runner: string): void {
  db.prepare("UPDATE jobs SET status = 'queued', runner = ?, error = NULL WHERE id = ?").run(runner, id);
}

export type Settlement =
  | { status: 'succeeded'; result: JobResult }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' | 'interrupted' };

/** Records how a run ended. Checkpoints are working state: a succeeded job drops them (and its phase). */
export function markSettled(db: Database.Database, id: number, settlement: Settlement, at: Date): void {
  const succeeded = settlement.status === 'succeeded';
  db.prepare(
    `UPDATE jobs SET status = :status, finished_at = :at, error = :error, result = :result,
                     fraction = CASE WHEN :succeeded THEN 1 ELSE fraction END,
                     phase = CASE WHEN :succeeded THEN '' ELSE phase END
     WHERE id = :id`,
  ).run({
    status: settlement.status,
    at: at.toISOString(),
    error: settlement.status === 'failed' ? settlement.error : null,
    result: succeeded ? JSON.stringify(settlement.result) : null,
    succeeded: succeeded ? 1 : 0,
    id,
  });
  if (succeeded) db.prepare('DELETE FROM job_checkpoints WHERE job_id = ?').run(id);
}

export function loadCheckpoint(db: Database.Database, jobId: number, key: string): unknown {
  const value = db.prepare('SELECT value FROM job_checkpoints WHERE job_id = ? AND key = ?').pluck().get(jobId, key) as
    string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as unknown);
}

/** Saves a checkpoint and the progress it stands for, so an interrupted job shows how far it got. */
export function saveCheckpoint(
  db: Database.Database,
  jobId: number,
  key: string,
  value: unknown,
  progress: { fraction: number; phase: string },
  at: Date,
): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO job_checkpoints (job_id, key, value, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (job_id, key) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at`,
    ).run(jobId, key, JSON.stringify(value), at.toISOString());
    db.prepare('UPDATE jobs SET fraction = ?, phase = ? WHERE id = ?').run(progress.fraction, progress.phase, jobId);
  })();
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    params: JSON.parse(row.params) as unknown,
    seed: row.seed,
    status: row.status,
    fraction: row.fraction,
    phase: row.phase,
    attempts: row.attempts,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    result: row.result === null ? null : JobResult.parse(JSON.parse(row.result)),
  };
}
