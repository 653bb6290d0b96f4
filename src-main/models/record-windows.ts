import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { readChannelSamples } from '../store';
import type { ChannelDetail, RecordDetail } from '../store';
import type { ModelCard } from './model-card';

/** The record's channels in the card's order, matched by name, with the card's units and sampling rate. */
export function matchChannels(record: RecordDetail, card: ModelCard): ChannelDetail[] {
  return card.input.channels.map((wanted) => {
    // Exact names first: MIMIC-III has both a 'GLUCOSE' lab and a 'Glucose' vital.
    const caseless = record.channels.filter((c) => c.name.toLowerCase() === wanted.name.toLowerCase());
    const channel =
      record.channels.find((c) => c.name === wanted.name) ?? (caseless.length === 1 ? caseless[0] : undefined);
    if (channel === undefined) {
      throw new AppError(
        'invalid-request',
        `record ${record.name} has no channel '${wanted.name}' that model ${card.id} needs; it has ${record.channels.map((c) => c.name).join(', ')}`,
      );
    }
    if (channel.units.toLowerCase() !== wanted.units.toLowerCase()) {
      throw new AppError(
        'invalid-request',
        `record ${record.name}: channel '${channel.name}' is in ${channel.units}; model ${card.id} expects ${wanted.units}`,
      );
    }
    if (Math.abs(channel.samplingRateHz - card.input.samplingRateHz) > 1e-6 * card.input.samplingRateHz) {
      throw new AppError(
        'invalid-request',
        `record ${record.name}: channel '${channel.name}' is sampled at ${channel.samplingRateHz} Hz; model ${card.id} expects ${card.input.samplingRateHz} Hz`,
      );
    }
    return channel;
  });
}

/** Where a record's windows start: `stride` apart (default side by side) within the samples to cover. */
export interface WindowPlan {
  /** Samples between window starts; default: the window length (windows side by side). */
  readonly stride?: number;
  /** The part of the record to cover, in samples; default: all of it. */
  readonly fromSample?: number;
  readonly toSample?: number;
}

/** The first sample of every whole window of the card's length within the plan's range. */
export function windowStarts(
  record: RecordDetail,
  card: ModelCard,
  channels: readonly ChannelDetail[],
  options: WindowPlan,
): number[] {
  const time = card.input.windowLength;
  const stride = options.stride ?? time;
  const length = Math.min(...channels.map((c) => c.sampleCount));
  const from = options.fromSample ?? 0;
  const to = Math.min(options.toSample ?? length, length);
  if (!Number.isInteger(stride) || stride < 1) {
    throw new AppError('invalid-request', `stride: expected a whole number of samples ≥ 1, got ${stride}`);
  }
  if (!Number.isInteger(from) || from < 0 || !Number.isInteger(to) || to <= from) {
    throw new AppError(
      'invalid-request',
      `record ${record.name}: the samples to cover must be a range within 0 to ${length}, got ${from} to ${to}`,
    );
  }
  if (to - from < time) {
    throw new AppError(
      'invalid-request',
      `record ${record.name}: samples ${from} to ${to} are shorter than model ${card.id}'s window of ${time} samples`,
    );
  }
  const starts: number[] = [];
  for (let start = from; start + time <= to; start += stride) starts.push(start);
  return starts;
}

/** Windows [B, T, D] in physical units ((digital − baseline) / gain), each channel's span read once. */
export function readWindows(
  db: Database.Database,
  channels: readonly ChannelDetail[],
  starts: readonly number[],
  time: number,
): Float32Array {
  const first = starts[0] ?? 0;
  const span = (starts[starts.length - 1] ?? 0) + time - first;
  const width = channels.length;
  const values = new Float32Array(starts.length * time * width);
  channels.forEach((channel, d) => {
    const samples = readChannelSamples(db, channel.id, first, span);
    starts.forEach((start, b) => {
      const offset = start - first;
      for (let t = 0; t < time; t++) {
        values[(b * time + t) * width + d] = ((samples[offset + t] as number) - channel.baseline) / channel.gain;
      }
    });
  });
  return values;
}
