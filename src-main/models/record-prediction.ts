import type Database from 'better-sqlite3';
import { tensor } from '../engine/ir';
import { AppError } from '../errors';
import { findRecord, readChannelSamples } from '../store';
import type { ChannelDetail, RecordDetail } from '../store';
import { openModelRunner } from './inference';
import type { InferenceOptions } from './inference';
import type { ModelCard } from './model-card';
import { readVerdicts } from './output-reading';
import { replacePredictions } from './predictions';
import { loadRegisteredModel } from './registry';
import type { WindowPrediction } from './predictions';
import { preprocessWindows } from './preprocess';

export interface RecordPredictionOptions extends InferenceOptions {
  readonly actor: string;
  /** Samples between window starts; default: the window length (windows side by side). */
  readonly stride?: number;
  /** The part of the record to cover, in samples; default: all of it. */
  readonly fromSample?: number;
  readonly toSample?: number;
  readonly onProgress?: (windowsDone: number, windowsTotal: number) => void;
}

export interface RecordPrediction {
  readonly modelId: string;
  readonly recordId: number;
  readonly recordName: string;
  readonly windowCount: number;
  /** Windows with missing samples (fed with the channel mean in their place). */
  readonly windowsWithGaps: number;
  readonly executionProvider: string;
  readonly notice: string | undefined;
  /** Windows per label index ('none' for regression). */
  readonly labelCounts: Readonly<Record<string, number>>;
}

/** Windows read, preprocessed and run together: bounds memory on day-long records. */
const WINDOWS_PER_BLOCK = 512;

/**
 * Slides a registered model's window over a record (channels matched to the card by name, in
 * physical units), runs the model on ONNX Runtime and stores every window's output in the study,
 * replacing that model's earlier predictions for the record.
 */
export async function predictRecord(
  db: Database.Database,
  modelId: string,
  recordIdOrName: string,
  options: RecordPredictionOptions,
): Promise<RecordPrediction> {
  const model = loadRegisteredModel(db, modelId);
  const { card } = model;
  const record = findRecord(db, recordIdOrName);
  const channels = matchChannels(record, card);
  const starts = windowStarts(record, card, channels, options);
  const runner = await openModelRunner(model, options);
  const time = card.input.windowLength;
  const windows: WindowPrediction[] = [];
  let windowsWithGaps = 0;
  for (let first = 0; first < starts.length; first += WINDOWS_PER_BLOCK) {
    const block = starts.slice(first, first + WINDOWS_PER_BLOCK);
    const values = readWindows(db, channels, block, time);
    windowsWithGaps += preprocessWindows(card, values, block.length);
    const outputs = await runner.run(tensor('float32', [block.length, time, channels.length], values));
    const width = outputs.shape[1] ?? 0;
    readVerdicts(card, outputs).forEach((verdict, b) => {
      const row = outputs.data.slice(b * width, (b + 1) * width) as Float32Array;
      windows.push({ ...verdict, startSample: block[b] ?? 0, outputs: row });
    });
    options.onProgress?.(windows.length, starts.length);
  }
  replacePredictions(
    db,
    {
      modelId: card.id,
      recordId: record.id,
      modelSha256: model.sha256,
      channelIds: channels.map((c) => c.id),
      windowLength: time,
      stride: options.stride ?? time,
      windowCount: windows.length,
      executionProvider: runner.provider,
      predictedAt: new Date().toISOString(),
    },
    windows,
    options.actor,
  );
  const labelCounts: Record<string, number> = {};
  for (const w of windows) {
    const key = w.label === null ? 'none' : String(w.label);
    labelCounts[key] = (labelCounts[key] ?? 0) + 1;
  }
  return {
    modelId: card.id,
    recordId: record.id,
    recordName: record.name,
    windowCount: windows.length,
    windowsWithGaps,
    executionProvider: runner.provider,
    notice: runner.notice,
    labelCounts,
  };
}

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

function windowStarts(
  record: RecordDetail,
  card: ModelCard,
  channels: readonly ChannelDetail[],
  options: RecordPredictionOptions,
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
function readWindows(
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
