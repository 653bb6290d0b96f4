import { ChannelWriter, CHUNK_SAMPLES, insertRecord, openStudy, type RecordSource } from '../../store';
import { createTempStudy, type TempStudy } from '../../../test/support/temp-study';

export interface TestChannel {
  gain: number;
  baseline: number;
  /** Declared length; samples past `storedCount` are missing (NaN when read). */
  sampleCount: number;
  storedCount?: number;
  sample(index: number): number;
}

export interface TestRecord {
  name: string;
  source: RecordSource;
  channels: readonly TestChannel[];
}

/** ECG-like digital values with a missing sample every 5,000. */
const wave = (phase: number) => (i: number) =>
  i % 5000 === 17 ? Number.NaN : Math.round(400 * Math.sin(i / 50 + phase)) + (i % 13);

/**
 * Three records for statistics jobs, in name order: a two-lead record of a few chunks, a long
 * one whose stored part ends early (many cheap steps, so a job is still running when a test
 * acts on its progress), and a short CSV-like one in physical units.
 */
export const statisticsRecords: readonly TestRecord[] = [
  {
    name: 'alpha',
    source: 'wfdb',
    channels: [
      { gain: 200, baseline: 1024, sampleCount: 3 * CHUNK_SAMPLES + 1234, sample: wave(0) },
      { gain: 200, baseline: 1024, sampleCount: 3 * CHUNK_SAMPLES + 1234, sample: wave(1) },
    ],
  },
  {
    name: 'bravo',
    source: 'edf',
    channels: [
      { gain: 32.5, baseline: 0, sampleCount: 300 * CHUNK_SAMPLES, storedCount: 2 * CHUNK_SAMPLES, sample: wave(2) },
    ],
  },
  {
    name: 'charlie',
    source: 'csv',
    channels: [{ gain: 1, baseline: 0, sampleCount: CHUNK_SAMPLES + 99, sample: (i) => i * 0.25 - 3.5 }],
  },
];

export function createStatisticsStudy(records: readonly TestRecord[] = statisticsRecords): TempStudy {
  const temp = createTempStudy([]);
  const study = openStudy(temp.path);
  try {
    for (const record of records) {
      const frames = Math.max(...record.channels.map((c) => c.sampleCount));
      const { channelIds } = insertRecord(study.db, {
        name: record.name,
        source: record.source,
        patientExternalId: null,
        startTime: null,
        frameRateHz: 250,
        sampleCount: frames,
        sourcePath: null,
        channels: record.channels.map((c, index) => ({
          name: `ch${index}`,
          units: 'mV',
          gain: c.gain,
          baseline: c.baseline,
          adcResolution: null,
          samplingRateHz: 250,
          sampleCount: c.sampleCount,
        })),
      });
      record.channels.forEach((channel, index) => writeSamples(study.db, channelIds[index] ?? 0, channel));
    }
  } finally {
    study.close();
  }
  return temp;
}

function writeSamples(
  db: ConstructorParameters<typeof ChannelWriter>[0],
  channelId: number,
  channel: TestChannel,
): void {
  const writer = new ChannelWriter(db, channelId);
  const stored = channel.storedCount ?? channel.sampleCount;
  for (let start = 0; start < stored; start += CHUNK_SAMPLES) {
    const chunk = new Float64Array(Math.min(CHUNK_SAMPLES, stored - start));
    for (let i = 0; i < chunk.length; i++) chunk[i] = channel.sample(start + i);
    writer.append(chunk);
  }
  writer.finish();
}
