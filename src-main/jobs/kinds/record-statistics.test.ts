import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { CHUNK_SAMPLES, openStudy, type Study } from '../../store';
import type { TempStudy } from '../../../test/support/temp-study';
import { JobCancelled } from '../job-kind';
import { inProcessRun, type InProcessOptions } from '../testing/in-process-run';
import {
  createStatisticsStudy,
  statisticsRecords,
  type TestChannel,
  type TestRecord,
} from '../testing/statistics-study';
import { recordStatistics } from './record-statistics';

/** The study's three records without the long one: these tests run the handler on this thread. */
const records: readonly TestRecord[] = [
  ...statisticsRecords.filter((r) => r.name !== 'bravo'),
  {
    name: 'delta',
    source: 'wfdb',
    channels: [{ gain: 100, baseline: -5, sampleCount: 16 * CHUNK_SAMPLES, sample: (i) => (i * 7919) % 2001 }],
  },
];

// Built once; each test works on its own copy of the file.
let template: TempStudy;
let study: Study;
let copies = 0;
beforeAll(() => {
  template = createStatisticsStudy(records);
});
afterAll(() => template.remove());
beforeEach(() => {
  copies += 1;
  const path = join(template.dir, `copy-${copies}.sqlite`);
  copyFileSync(template.path, path);
  study = openStudy(path);
});
afterEach(() => study.close());

function run(params: unknown, options?: InProcessOptions) {
  const started = inProcessRun(study, 'record-statistics', params, options);
  return { ...started, result: recordStatistics.run(started.context) };
}

function storedStatistics(jobId: number) {
  return study.db
    .prepare(
      `SELECT r.name AS record, c.idx AS channel, s.sample_count, s.nan_count, s.mean, s.std, s.min, s.max
       FROM channel_statistics s JOIN channels c ON c.id = s.channel_id JOIN records r ON r.id = c.record_id
       WHERE s.job_id = ? ORDER BY r.name, c.idx`,
    )
    .all(jobId);
}

/** Two passes over every sample, the textbook way, to check the one-pass accumulator against. */
function expectedStatistics(channel: TestChannel) {
  const values: number[] = [];
  let nanCount = 0;
  for (let i = 0; i < channel.sampleCount; i++) {
    const digital = i < (channel.storedCount ?? channel.sampleCount) ? channel.sample(i) : Number.NaN;
    if (Number.isNaN(digital)) nanCount += 1;
    else values.push((digital - channel.baseline) / channel.gain);
  }
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return {
    sample_count: channel.sampleCount,
    nan_count: nanCount,
    mean,
    std: Math.sqrt(variance),
    min: values.reduce((a, b) => Math.min(a, b)),
    max: values.reduce((a, b) => Math.max(a, b)),
  };
}

describe('record-statistics', () => {
  it("stores each channel's mean, standard deviation, minimum, maximum and missing count in physical units", async () => {
    const { context, result } = run({});
    await expect(result).resolves.toMatchObject({ table: 'channel_statistics', key: 'job_id', ids: [context.jobId] });
    const rows = storedStatistics(context.jobId) as Record<string, number>[];
    const expected = records.flatMap((r) => r.channels.map((c, index) => ({ record: r.name, index, c })));
    expect(rows).toHaveLength(expected.length);
    for (const [i, { record, index, c }] of expected.entries()) {
      const want = expectedStatistics(c);
      const row = rows[i] ?? {};
      expect(row).toMatchObject({ record, channel: index, sample_count: want.sample_count, nan_count: want.nan_count });
      for (const key of ['mean', 'std', 'min', 'max'] as const) {
        expect(row[key]).toBeCloseTo(want[key], 9);
      }
    }
  });

  it('ends with a summary table of every record', async () => {
    const summary = (await run({ records: { source: 'wfdb' } }).result).summary;
    expect(summary.columns).toEqual(['item', 'channels', 'samples read', 'missing', 'outcome']);
    expect(summary.rows).toEqual([
      ['record alpha', 2, 2 * (3 * CHUNK_SAMPLES + 1234), 80, 'done'],
      ['record delta', 1, 16 * CHUNK_SAMPLES, 0, 'done'],
    ]);
  });

  it('selects records by id, source and name substring, and refuses a filter that matches none', async () => {
    const ids = study.db.prepare('SELECT id FROM records ORDER BY name').pluck().all() as number[];
    const labels = async (filter: unknown) => (await run({ records: filter }).result).summary.rows.map((row) => row[0]);
    await expect(labels({ source: 'csv' })).resolves.toEqual(['record charlie']);
    await expect(labels({ search: 'ALP' })).resolves.toEqual(['record alpha']);
    await expect(labels({ ids: [ids[2], ids[0]] })).resolves.toEqual(['record alpha', 'record delta']);
    await expect(run({ records: { search: 'zulu' } }).result).rejects.toThrow(/no record of .* matches/);
  });

  it('refuses parameters it does not know', () => {
    expect(() => recordStatistics.parseParams({ sampleFraction: 0 })).toThrow(AppError);
    expect(() => recordStatistics.parseParams({ records: { name: 'x' } })).toThrow(/invalid parameters/);
  });

  it('stops within one step of a cancel, mid-record, and stores nothing', async () => {
    // alpha has two channels of four chunks: cancel while its fifth chunk is reported.
    const started = inProcessRun(
      study,
      'record-statistics',
      {},
      {
        onReport: (_, count) => {
          if (count === 5) started.cancel();
        },
      },
    );
    await expect(recordStatistics.run(started.context)).rejects.toBeInstanceOf(JobCancelled);
    expect(started.reports).toHaveLength(5);
    expect(started.reports.at(-1)?.phase).toBe('record alpha (1/3)');
    expect(storedStatistics(started.context.jobId)).toEqual([]);
    expect([...started.checkpoints.keys()]).toEqual(['cohort:items']);
  });

  it('resumes after the records it finished and ends as an uninterrupted run does', async () => {
    const params = { sampleFraction: 0.5 };
    const first = inProcessRun(study, 'record-statistics', params, {
      seed: 7,
      onReport: (report) => {
        if (report.phase.includes('(2/3)')) first.cancel();
      },
    });
    await expect(recordStatistics.run(first.context)).rejects.toBeInstanceOf(JobCancelled);
    expect([...first.checkpoints.keys()]).toContain('item:1');

    const resumed = run(params, { seed: 7, checkpoints: first.checkpoints });
    await resumed.result;
    expect(resumed.reports.some((r) => r.phase.includes('(1/3)'))).toBe(false);
    expect(resumed.reports[0]?.fraction).toBeGreaterThan(0);

    const uninterrupted = run(params, { seed: 7 });
    await uninterrupted.result;
    expect(storedStatistics(resumed.context.jobId)).toEqual(storedStatistics(uninterrupted.context.jobId));
  });

  it('reads a seeded sample of chunks when asked: the same seed, the same chunks', async () => {
    const sampled = async (seed: number) => {
      const { context, result } = run({ records: { search: 'delta' }, sampleFraction: 0.25 }, { seed });
      await result;
      return storedStatistics(context.jobId);
    };
    const [a, b, c] = [await sampled(11), await sampled(11), await sampled(12)];
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    const count = (a[0] as { sample_count: number }).sample_count;
    expect(count % CHUNK_SAMPLES).toBe(0);
    expect(count).toBeLessThan(16 * CHUNK_SAMPLES);
  });

  it('reports a record that vanished before its turn in the summary and still does the others', async () => {
    const first = inProcessRun(study, 'record-statistics', {}, { onReport: () => first.cancel() });
    await expect(recordStatistics.run(first.context)).rejects.toBeInstanceOf(JobCancelled);
    study.db.prepare("DELETE FROM records WHERE name = 'charlie'").run();
    const resumed = run({}, { checkpoints: first.checkpoints });
    expect((await resumed.result).summary.rows.map((row) => [row[0], row[4]])).toEqual([
      ['record alpha', 'done'],
      ['record charlie', expect.stringMatching(/^failed: no record '\d+' in this study$/) as unknown],
      ['record delta', 'done'],
    ]);
  });
});
