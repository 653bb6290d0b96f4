import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../../errors';

/** Summary statistics of one channel in physical units; mean to max are null when no sample was a number. */
export const ChannelStatistics = z.object({
  channelId: z.number().int(),
  /** Samples read: all of them, or those of the seeded sample of chunks. */
  sampleCount: z.number().int(),
  nanCount: z.number().int(),
  mean: z.number().nullable(),
  /** Population standard deviation (n in the denominator). */
  std: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type ChannelStatistics = z.infer<typeof ChannelStatistics>;

/** Welford's running mean and variance: one pass, chunk by chunk, stable for long records. */
export class ChannelAccumulator {
  private count = 0;
  private nanCount = 0;
  private mean = 0;
  private squares = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly channelId: number,
    private readonly gain: number,
    private readonly baseline: number,
  ) {}

  /** Adds digital samples (NaN for missing ones). */
  add(digital: Float64Array): void {
    for (const sample of digital) {
      if (Number.isNaN(sample)) {
        this.nanCount += 1;
        continue;
      }
      const value = (sample - this.baseline) / this.gain;
      this.count += 1;
      const delta = value - this.mean;
      this.mean += delta / this.count;
      this.squares += delta * (value - this.mean);
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
    }
  }

  finish(): ChannelStatistics {
    const hasNumbers = this.count > 0;
    return {
      channelId: this.channelId,
      sampleCount: this.count + this.nanCount,
      nanCount: this.nanCount,
      mean: hasNumbers ? this.mean : null,
      std: hasNumbers ? Math.sqrt(this.squares / this.count) : null,
      min: hasNumbers ? this.min : null,
      max: hasNumbers ? this.max : null,
    };
  }
}

/** Replaces a job's rows: a resumed job that had written them before it was stopped writes them again. */
export function writeChannelStatistics(db: Database.Database, jobId: number, rows: readonly ChannelStatistics[]): void {
  db.transaction(() => {
    db.prepare('DELETE FROM channel_statistics WHERE job_id = ?').run(jobId);
    const insert = db.prepare(
      `INSERT INTO channel_statistics (job_id, channel_id, sample_count, nan_count, mean, std, min, max)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rows) insert.run(jobId, r.channelId, r.sampleCount, r.nanCount, r.mean, r.std, r.min, r.max);
  })();
}

export interface StoredChannelStatistics extends ChannelStatistics {
  recordId: number;
  recordName: string;
  channelName: string;
  units: string;
}

/** A succeeded `record-statistics` job's statistics, by record name and channel order. */
export function readChannelStatistics(db: Database.Database, jobId: number): StoredChannelStatistics[] {
  const status = db.prepare('SELECT status FROM jobs WHERE id = ?').pluck().get(jobId) as string | undefined;
  if (status !== 'succeeded') {
    throw new AppError(
      status === undefined ? 'not-found' : 'invalid-request',
      status === undefined ? `no job ${jobId} in this study` : `job ${jobId} has no statistics: it is ${status}`,
    );
  }
  return db
    .prepare(
      `SELECT s.channel_id AS channelId, c.record_id AS recordId, r.name AS recordName, c.name AS channelName,
              c.units, s.sample_count AS sampleCount, s.nan_count AS nanCount, s.mean, s.std, s.min, s.max
       FROM channel_statistics s JOIN channels c ON c.id = s.channel_id JOIN records r ON r.id = c.record_id
       WHERE s.job_id = ? ORDER BY r.name COLLATE NOCASE, r.id, c.idx`,
    )
    .all(jobId) as StoredChannelStatistics[];
}
