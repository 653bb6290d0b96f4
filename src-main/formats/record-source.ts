import type { NewAnnotation, NewChannel, RecordSource } from '../store';

/**
 * What every importer produces and the store consumes: a record's description plus random
 * access to its samples, so an import streams chunk by chunk instead of loading a whole file.
 */
/** A channel as the store keeps it: gain is ADC units per physical unit (1 for CSV, MIMIC-III). */
export type SourceChannel = NewChannel;

/** An annotation as a file holds it; `sample` is at the record's frame rate, `channel` null for all. */
export type SourceAnnotation = NewAnnotation;

export interface SourceRecord {
  name: string;
  format: RecordSource;
  /** ISO 8601 start time (MIMIC's shifted dates kept as they are), when the source gives one. */
  startTime: string | null;
  /** Frames per second; channels may sample at integer multiples of it. */
  frameRateHz: number;
  /** Length in frames. */
  frameCount: number;
  patientId: string | null;
  channels: readonly SourceChannel[];
  /** Free-text header information (WFDB info strings, EDF recording field). */
  info: readonly string[];
  /** Problems that do not stop the import (checksum mismatch, …), shown to the analyst. */
  warnings: readonly string[];
  /**
   * Digital samples `[start, start + count)` of one channel, in that channel's own sample
   * index; NaN marks a missing sample (WFDB's invalid value, a CSV gap).
   */
  readSamples(channel: number, start: number, count: number): Float64Array;
  annotations(): readonly SourceAnnotation[];
  /** Releases open file handles. */
  close(): void;
}
