import { z } from 'zod';
import { Random } from '../../datasets/icu-cohort';
import { AppError } from '../../errors';
import { CHUNK_SAMPLES, findRecord, readChannelSamples, type Study } from '../../store';
import { cohortSummary, runCohort, type CohortOutcome, type CohortWork } from '../cohort';
import { defineJobKind } from '../job-kind';
import { RecordStatisticsParams, type RecordFilter, type SummaryTable } from '../job-schema';
import { selectRecords } from './record-selection';
import { ChannelAccumulator, ChannelStatistics, writeChannelStatistics } from './channel-statistics';

/**
 * Per-channel mean, standard deviation, minimum, maximum and missing-sample count of every
 * record matching a filter, walking each channel chunk by chunk: one chunk is one step
 * (progress and cancel), one record is one checkpointed cohort item.
 */
export const recordStatistics = defineJobKind({
  name: 'record-statistics',
  params: RecordStatisticsParams,
  async run(context) {
    const { jobId, params, study, seed } = context;
    const outcomes = await runCohort(context, statisticsWork(study, params.records, params.sampleFraction, seed));
    const rows = outcomes.flatMap((outcome) => (outcome.ok ? outcome.value : []));
    if (rows.length === 0) {
      const reasons = outcomes.map((o) => (o.ok ? '' : `${o.item.label}: ${o.error}`)).filter(Boolean);
      throw new AppError('bad-input', `no record could be read (${reasons.join('; ')})`);
    }
    context.reportProgress({ fraction: 1, phase: 'writing statistics' });
    writeChannelStatistics(study.db, jobId, rows);
    return { table: 'channel_statistics', key: 'job_id', ids: [jobId], summary: summarise(outcomes) };
  },
});

function statisticsWork(
  study: Study,
  filter: RecordFilter,
  sampleFraction: number,
  seed: number,
): CohortWork<ChannelStatistics[]> {
  return {
    value: z.array(ChannelStatistics),
    selectItems: () => selectRecords(study, filter),
    prepare: (item) => {
      const record = findRecord(study.db, item.key);
      // One generator per record, seeded from the job's seed and the record: which chunks a record
      // reads does not depend on which records an earlier, interrupted run already did.
      const random = new Random((seed ^ Math.imul(record.id, 0x9e3779b1)) >>> 0);
      const plan = record.channels.map((channel) => ({
        channel,
        chunks: chunkIndexes(channel.sampleCount).filter(() => sampleFraction >= 1 || random.chance(sampleFraction)),
      }));
      return {
        steps: plan.reduce((sum, { chunks }) => sum + chunks.length, 0),
        run: (clock) =>
          plan.map(({ channel, chunks }) => {
            const statistics = new ChannelAccumulator(channel.id, channel.gain, channel.baseline);
            for (const chunk of chunks) {
              clock.beginStep();
              const start = chunk * CHUNK_SAMPLES;
              statistics.add(
                readChannelSamples(study.db, channel.id, start, Math.min(CHUNK_SAMPLES, channel.sampleCount - start)),
              );
            }
            return statistics.finish();
          }),
      };
    },
  };
}

function chunkIndexes(sampleCount: number): number[] {
  return Array.from({ length: Math.ceil(sampleCount / CHUNK_SAMPLES) }, (_, index) => index);
}

function summarise(outcomes: readonly CohortOutcome<ChannelStatistics[]>[]): SummaryTable {
  return cohortSummary(['channels', 'samples read', 'missing'], outcomes, (value) => [
    value.length,
    value.reduce((sum, c) => sum + c.sampleCount, 0),
    value.reduce((sum, c) => sum + c.nanCount, 0),
  ]);
}
