import type Database from 'better-sqlite3';
import { AppError } from '../../errors';
import { findRecord, listAnnotations, listRecords } from '../../store';
import type { ChannelDetail, RecordDetail } from '../../store';
import type { ModelCard } from '../model-card';
import { readWindows } from '../record-windows';
import type { LabelledWindows } from './labelled-windows';

export interface AnnotatedWindowsOptions {
  /** Annotation labels (symbols) that become the classes, in class order. */
  readonly labels: readonly string[];
  /** Window length in seconds, centred on each annotation. */
  readonly windowSec: number;
  /** Channels to read, by name; default: those of the first record with one of the labels. */
  readonly channels?: readonly string[];
}

export interface AnnotatedWindows {
  readonly classNames: string[];
  readonly input: ModelCard['input'];
  /** The windows of each record that has any (and all the channels, at one rate), in the study's record order. */
  readonly records: { readonly name: string; readonly set: LabelledWindows }[];
  /** Records left out, each with why. */
  readonly skipped: string[];
}

/**
 * A labelled window of the study's records around every annotation with one of the labels (an
 * annotation's label is its symbol): the window centred on its sample, in physical units, its
 * class the label's index. Annotations too near a record's ends for a whole window are left out.
 */
export function annotatedWindows(db: Database.Database, options: AnnotatedWindowsOptions): AnnotatedWindows {
  const records = listRecords(db).map((summary) => {
    const record = findRecord(db, String(summary.id));
    return { record, annotations: listAnnotations(db, record.id) };
  });
  const classNames = [...options.labels];
  if (classNames.length < 2 || new Set(classNames).size !== classNames.length) {
    throw new AppError(
      'invalid-request',
      `labels: a classifier needs at least 2 distinct annotation labels, got ${classNames.join(', ')}`,
    );
  }
  const classOf = new Map(classNames.map((label, k) => [label, k]));
  const labelled = records.filter((r) => r.annotations.some((a) => classOf.has(a.symbol)));
  const first = labelled[0]?.record;
  if (!first) throw new AppError('not-found', `the study has no annotation labelled ${classNames.join(', ')}`);
  const wanted = options.channels ?? first.channels.map((c) => c.name);
  const reference = channelsByName(first, wanted);
  if (!reference) {
    throw new AppError(
      'invalid-request',
      `channels: record ${first.name} has ${first.channels.map((c) => c.name).join(', ')}; no channel named ${wanted.filter((n) => !first.channels.some((c) => c.name === n)).join(', ')}`,
    );
  }
  const rate = reference[0]?.samplingRateHz ?? 0;
  const time = Math.round(options.windowSec * rate);
  if (!(time >= 2)) {
    throw new AppError('invalid-request', `window: ${options.windowSec} s at ${rate} Hz is under 2 samples`);
  }
  const skipped: string[] = [];
  const sets: AnnotatedWindows['records'][number][] = [];
  for (const { record, annotations } of labelled) {
    const channels = channelsByName(record, wanted);
    if (!channels || channels.some((c) => c.samplingRateHz !== rate)) {
      skipped.push(`${record.name}: not all of ${wanted.join(', ')} at ${rate} Hz`);
      continue;
    }
    const length = Math.min(...channels.map((c) => c.sampleCount));
    const starts: number[] = [];
    const targets: number[] = [];
    for (const a of annotations) {
      const k = classOf.get(a.symbol);
      const start = Math.round((a.sample * rate) / record.frameRateHz) - Math.floor(time / 2);
      if (k === undefined || start < 0 || start + time > length) continue;
      starts.push(start);
      targets.push(k);
    }
    if (starts.length === 0) continue;
    const windows = readWindows(db, channels, starts, time);
    sets.push({ name: record.name, set: { windows, targets: Float32Array.from(targets), count: starts.length } });
  }
  return {
    classNames,
    input: {
      windowLength: time,
      samplingRateHz: rate,
      channels: reference.map((c) => ({ name: c.name, units: c.units })),
    },
    records: sets,
    skipped,
  };
}

/** The record's channels named `names`, in that order; undefined when one is missing. */
function channelsByName(record: RecordDetail, names: readonly string[]): ChannelDetail[] | undefined {
  const found = names.map((name) => record.channels.find((c) => c.name === name));
  return found.every((c) => c !== undefined) ? found : undefined;
}
