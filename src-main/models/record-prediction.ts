import type Database from 'better-sqlite3';
import { tensor } from '../engine/ir';
import { findRecord } from '../store';
import { openModelRunner } from './inference';
import type { InferenceOptions } from './inference';
import { readVerdicts } from './output-reading';
import { replacePredictions } from './predictions';
import { loadRegisteredModel } from './registry';
import type { WindowPrediction } from './predictions';
import { preprocessWindows } from './preprocess';
import { matchChannels, readWindows, windowStarts, type WindowPlan } from './record-windows';

export interface RecordPredictionOptions extends InferenceOptions, WindowPlan {
  readonly actor: string;
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
