import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { modelInput } from '../explain';
import {
  listPredictionRuns,
  loadRegisteredModel,
  matchChannels,
  openModelRunner,
  readPredictions,
  readVerdicts,
  windowStarts,
} from '../models';
import { findRecord } from '../store';
import type { ApiResult } from './contract';

/** Enough for the windows of any view the record view shows, small enough to answer at once. */
const MAX_PREDICTED_WINDOWS = 4096;

/**
 * A model's verdicts on a record's whole windows in a range, read and preprocessed as explaining
 * them would be: what the explain panel shows as the class it will explain. Nothing is stored.
 */
export async function predictWindows(
  db: Database.Database,
  request: { recordId: number; modelId: string; fromSec: number; toSec?: number },
): Promise<ApiResult<'predictWindows'>> {
  const model = loadRegisteredModel(db, request.modelId);
  const { card } = model;
  const record = findRecord(db, String(request.recordId));
  const channels = matchChannels(record, card);
  const rate = card.input.samplingRateHz;
  const fromSample = Math.round(request.fromSec * rate);
  const toSample =
    request.toSec === undefined ? fromSample + card.input.windowLength : Math.round(request.toSec * rate);
  const starts = windowStarts(record, card, channels, { fromSample, toSample });
  if (starts.length > MAX_PREDICTED_WINDOWS) {
    throw new AppError(
      'invalid-request',
      `toSec: ${starts.length} windows from ${request.fromSec} s; at most ${MAX_PREDICTED_WINDOWS} are predicted at once`,
    );
  }
  const runner = await openModelRunner(model, {});
  const outputs = await runner.run(modelInput(db, card, channels, starts));
  return {
    windowLength: card.input.windowLength,
    windows: readVerdicts(card, outputs).map((verdict, i) => ({ startSample: starts[i] ?? 0, ...verdict })),
  };
}

/** The stored predictions of a model over a record, as the predictions strip draws them. */
export function storedPredictions(
  db: Database.Database,
  recordId: number,
  modelId: string,
): ApiResult<'listPredictions'> {
  const run = listPredictionRuns(db, recordId).find((r) => r.modelId === modelId);
  if (run === undefined) return { windowLength: null, predictedAt: null, windows: [] };
  return {
    windowLength: run.windowLength,
    predictedAt: run.predictedAt,
    windows: readPredictions(db, modelId, recordId).map(({ startSample, label, score }) => ({
      startSample,
      label,
      score,
    })),
  };
}
