import { AppError } from '../errors';
import {
  appendAudit,
  ChannelWriter,
  CHUNK_SAMPLES,
  EnvelopeBuilder,
  insertAnnotations,
  insertRecord,
  writeEnvelopes,
  type Study,
} from '../store';
import type { SourceRecord } from './record-source';

export interface SourceToImport {
  source: SourceRecord;
  /** The file the analyst named, kept as provenance. */
  path: string;
}

export interface ImportedRecord {
  recordId: number;
  name: string;
  format: SourceRecord['format'];
  channelCount: number;
  frameCount: number;
  annotationCount: number;
  warnings: readonly string[];
}

/**
 * Imports records into a study as one transaction: on any error nothing of the import remains.
 * Samples stream chunk by chunk from the readers into the store, building each channel's
 * envelope pyramid on the way, so a 24-hour record never sits in memory whole.
 */
export function importSources(study: Study, items: readonly SourceToImport[], actor: string): ImportedRecord[] {
  const run = study.db.transaction(() => items.map((item) => importOne(study, item, actor)));
  return run.immediate();
}

function importOne(study: Study, { source, path }: SourceToImport, actor: string): ImportedRecord {
  const existing = study.db
    .prepare('SELECT id FROM records WHERE source = ? AND name = ?')
    .get(source.format, source.name);
  if (existing !== undefined) {
    throw new AppError('bad-input', `${path}: record '${source.name}' (${source.format}) is already in ${study.path}`);
  }
  const { recordId, channelIds } = insertRecord(study.db, {
    name: source.name,
    source: source.format,
    patientExternalId: source.patientId,
    startTime: source.startTime,
    frameRateHz: source.frameRateHz,
    sampleCount: source.frameCount,
    sourcePath: path,
    channels: source.channels,
    info: source.info,
    warnings: source.warnings,
  });
  streamSamples(study, source, channelIds);
  const annotations = source.annotations();
  insertAnnotations(study.db, recordId, annotations, { author: `${source.format} file`, source: 'imported' });
  appendAudit(study.db, {
    actor,
    action: 'import',
    entity: 'record',
    entityId: String(recordId),
    details: {
      name: source.name,
      format: source.format,
      path,
      channels: source.channels.length,
      annotations: annotations.length,
    },
  });
  return {
    recordId,
    name: source.name,
    format: source.format,
    channelCount: source.channels.length,
    frameCount: source.frameCount,
    annotationCount: annotations.length,
    warnings: source.warnings,
  };
}

/** Channels advance together, one chunk each per step, so readers of interleaved files reuse their reads. */
function streamSamples(study: Study, source: SourceRecord, channelIds: readonly number[]): void {
  const channels = source.channels.map((channel, index) => ({
    index,
    count: channel.sampleCount,
    writer: new ChannelWriter(study.db, channelIds[index] as number),
    envelope: new EnvelopeBuilder(),
  }));
  const steps = Math.max(0, ...channels.map((c) => Math.ceil(c.count / CHUNK_SAMPLES)));
  for (let step = 0; step < steps; step++) {
    for (const channel of channels) {
      const start = step * CHUNK_SAMPLES;
      if (start >= channel.count) continue;
      const samples = source.readSamples(channel.index, start, Math.min(CHUNK_SAMPLES, channel.count - start));
      channel.writer.append(samples);
      channel.envelope.push(samples);
    }
  }
  for (const channel of channels) {
    channel.writer.finish();
    writeEnvelopes(study.db, channelIds[channel.index] as number, channel.envelope.finish());
  }
}
