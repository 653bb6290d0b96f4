import type { RecordSource } from '../store';

/**
 * What every importer produces and the store consumes: a record's description plus random
 * access to its samples, so an import streams chunk by chunk instead of loading a whole file.
 */
export interface SourceChannel {
  name: string;
  units: string;
  /** ADC units per physical unit (1 for sources stored in physical units: CSV, MIMIC-III). */
  gain: number;
  /** The digital value of physical zero. */
  baseline: number;
  /** Bits of the ADC, when the format says. */
  adcResolution: number | null;
  samplingRateHz: number;
  sampleCount: number;
}

export interface SourceAnnotation {
  /** Sample index at the record's frame rate. */
  sample: number;
  endSample: number | null;
  /** Channel index, or null for the whole record. */
  channel: number | null;
  /** MIT annotation code where the source has one. */
  code: number | null;
  symbol: string;
  subtype: number;
  aux: string | null;
}

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
