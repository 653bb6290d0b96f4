import type Database from 'better-sqlite3';
import { openStudy } from '../store';

const firstRetryMs = 5;
const longestRetryMs = 200;

/**
 * The main thread's own connection for job bookkeeping. SQLite has one writer at a time, and
 * an import job holds the write lock for its whole transaction; a write that waited for the
 * lock here would freeze the event loop (the UI, the server) for as long. So this connection
 * never waits (busy_timeout 0): a write that finds the lock taken is tried again on a timer,
 * and writes keep the order they were asked in. Reads never wait in WAL mode.
 */
export class JobLedger {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(readonly db: Database.Database) {}

  static open(studyPath: string): JobLedger {
    const { db } = openStudy(studyPath);
    db.pragma('busy_timeout = 0');
    // Checkpointing a large WAL after an import is slow work; it happens on the workers' connections instead.
    db.pragma('wal_autocheckpoint = 0');
    return new JobLedger(db);
  }

  /** Runs `work` in one immediate transaction, once the write lock is free. */
  write<T>(work: (db: Database.Database) => T): Promise<T> {
    const run = this.tail.then(() => this.attempt(work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Closes once every write asked for so far has been made. */
  async close(): Promise<void> {
    await this.tail;
    this.db.close();
  }

  private async attempt<T>(work: (db: Database.Database) => T): Promise<T> {
    for (let retryMs = firstRetryMs; ; retryMs = Math.min(retryMs * 2, longestRetryMs)) {
      try {
        return this.db.transaction(() => work(this.db)).immediate();
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
