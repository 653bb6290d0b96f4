import { isAbsolute } from 'node:path';
import { z } from 'zod';
import {
  importFormats,
  importSources,
  openSources,
  type ImportedRecord,
  type SourceRecord,
  type SourceToImport,
} from '../../formats';
import { CHUNK_SAMPLES } from '../../store';
import { defineJobKind } from '../job-kind';
import type { JobResult } from '../job-schema';

export const ImportParams = z
  .object({
    /** Absolute: the worker does not share the caller's idea of a current folder. */
    paths: z.array(z.string().refine(isAbsolute, 'expected an absolute path')).min(1),
    format: z.enum(importFormats).default('auto'),
  })
  .strict();
export type ImportParams = z.input<typeof ImportParams>;

const ImportedRecords = z.array(
  z.object({
    recordId: z.number().int(),
    name: z.string(),
    format: z.string(),
    channelCount: z.number().int(),
    frameCount: z.number().int(),
    annotationCount: z.number().int(),
    warnings: z.array(z.string()),
  }),
);

/** Checkpointed inside the import's own transaction: present exactly when the import committed. */
const committedKey = 'imported';

/**
 * Imports files through the same pipeline as `salience import`: one transaction, so a cancel
 * (checked at every chunk of every channel) or a crash before the commit leaves the study as
 * it was. A run stopped after the commit finds the checkpoint and does not import twice.
 */
export const importJob = defineJobKind({
  name: 'import',
  params: ImportParams,
  async run({ params, study, actor, signal, reportProgress, checkpoint }) {
    const committed = checkpoint.load(committedKey);
    if (committed !== undefined) return importResult(ImportedRecords.parse(committed));
    reportProgress({ fraction: 0, phase: 'reading files' });
    const opened: SourceToImport[] = [];
    try {
      for (const path of params.paths) {
        signal.throwIfCancelled();
        opened.push(...(await openSources(path, params.format)));
      }
      const total = Math.max(
        1,
        opened.reduce((sum, { source }) => sum + chunkCount(source), 0),
      );
      let done = 0;
      const counted = opened.map(({ path, source }, index) => {
        const phase = `importing ${source.name} (${index + 1}/${opened.length})`;
        return {
          path,
          source: beforeEachRead(source, () => {
            reportProgress({ fraction: done / total, phase });
            signal.throwIfCancelled();
            done += 1;
          }),
        };
      });
      const imported = study.db
        .transaction(() => {
          const records = importSources(study, counted, actor);
          checkpoint.save(committedKey, records);
          return records;
        })
        .immediate();
      return importResult(imported);
    } finally {
      for (const { source } of opened) source.close();
    }
  },
});

function chunkCount(source: SourceRecord): number {
  return source.channels.reduce((sum, channel) => sum + Math.ceil(channel.sampleCount / CHUNK_SAMPLES), 0);
}

/** The same source, calling `step` before each chunk read: the import pipeline reads one chunk per step. */
function beforeEachRead(source: SourceRecord, step: () => void): SourceRecord {
  return new Proxy(source, {
    get(target, property) {
      if (property === 'readSamples') {
        return (channel: number, start: number, count: number) => {
          step();
          return target.readSamples(channel, start, count);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function importResult(records: readonly Omit<ImportedRecord, 'format'>[]): JobResult {
  return {
    table: 'records',
    key: 'id',
    ids: records.map((r) => r.recordId),
    summary: {
      columns: ['record', 'id', 'channels', 'frames', 'annotations', 'warnings'],
      rows: records.map((r) => [
        r.name,
        r.recordId,
        r.channelCount,
        r.frameCount,
        r.annotationCount,
        r.warnings.length,
      ]),
    },
  };
}
