import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { loadRegisteredModel, matchChannels, windowStarts } from '../models';
import { findRecord, insertExplanation } from '../store';
import { windowFaithfulness, type WindowFaithfulness } from './faithfulness';
import type { CancelCheck, ExplainProgress, Explanation } from './explainer';
import { modelInput } from './model-input';
import { findExplainer } from './registry';
import { sharedBlackBox } from './shared-black-box';
import { explainWithStudyFit, fitsInStudy } from './study-fit';

export interface RecordExplanationRequest {
  readonly modelId: string;
  readonly record: string;
  readonly method: string;
  /** Raw parameters: the method's defaults fill in what is missing. */
  readonly params?: unknown;
  readonly seed: number;
  /** The class to explain in every window; default each window's predicted class. */
  readonly target?: number;
  /** First sample of the first window; windows follow `stride` apart (default side by side) up to `toSample`. */
  readonly fromSample: number;
  /** End of the part to cover; default one window. */
  readonly toSample?: number;
  readonly stride?: number;
  readonly actor: string;
  readonly jobId?: number;
  readonly onProgress?: (progress: ExplainProgress) => void;
  readonly cancel?: CancelCheck;
}

export interface RecordExplanationResult {
  readonly recordId: number;
  readonly explanationIds: readonly number[];
  readonly windowStarts: readonly number[];
  readonly targets: readonly number[];
  readonly runtimeMs: number;
}

/** How many windows of the record stand for its data distribution (AFO, GradientSHAP, "mean" baselines). */
const REFERENCE_WINDOWS = 16;

/**
 * Explains windows of a record with a registered model: channels matched to the card, the card's
 * preprocessing applied, all windows explained as one batch (ContraLSP and Dynamask optimise
 * them jointly; what was compiled for the model is reused by the next request), and every window's map stored with its provenance in one transaction — a
 * failure or a cancel stores nothing. The amortised methods (TimeX++, IB gradient-free) explain
 * with the study's stored fit for the model, fitting and storing one first (study-fit.ts).
 */
export async function explainRecordWindows(
  db: Database.Database,
  request: RecordExplanationRequest,
): Promise<RecordExplanationResult> {
  const explainer = findExplainer(request.method);
  const params = explainer.parseParams(request.params);
  const model = loadRegisteredModel(db, request.modelId);
  const { card } = model;
  const record = findRecord(db, request.record);
  const channels = matchChannels(record, card);
  const time = card.input.windowLength;
  const starts = windowStarts(record, card, channels, {
    fromSample: request.fromSample,
    toSample: request.toSample ?? request.fromSample + time,
    stride: request.stride,
  });
  const x = modelInput(db, card, channels, starts);
  const box = sharedBlackBox(model);
  const targets = request.target === undefined ? undefined : [request.target];
  const explanation = fitsInStudy(explainer.name)
    ? await explainWithStudyFit(db, { ...request, model, box, params, x, targets })
    : await explainer.explain({
        model: box,
        x,
        targets,
        params,
        seed: request.seed,
        reference: modelInput(db, card, channels, referenceStarts(record.name, starts, channels, time)),
        onProgress: request.onProgress,
        cancel: request.cancel,
      });
  const faithfulness = await windowFaithfulness(box, x, explanation.saliency, explanation.info.targets, request.seed);
  const ids = store(db, request, explanation, faithfulness, {
    recordId: record.id,
    modelSha256: model.sha256,
    starts,
    time,
    channelIds: channels.map((c) => c.id),
  });
  return {
    recordId: record.id,
    explanationIds: ids,
    windowStarts: starts,
    targets: explanation.info.targets,
    runtimeMs: explanation.info.runtimeMs,
  };
}

/** Window starts spread evenly over the whole record (the explained windows when it is short). */
function referenceStarts(
  recordName: string,
  explained: readonly number[],
  channels: readonly { sampleCount: number }[],
  time: number,
): number[] {
  const length = Math.min(...channels.map((c) => c.sampleCount));
  const room = length - time;
  if (room < 0) throw new AppError('invalid-request', `record ${recordName} is shorter than one window`);
  const count = Math.min(REFERENCE_WINDOWS, Math.floor(room / time) + 1);
  if (count <= explained.length) return [...explained];
  return Array.from({ length: count }, (_, i) => Math.round((i * room) / Math.max(count - 1, 1)));
}

function store(
  db: Database.Database,
  request: RecordExplanationRequest,
  explanation: Explanation,
  faithfulness: readonly WindowFaithfulness[] | undefined,
  where: { recordId: number; modelSha256: string; starts: readonly number[]; time: number; channelIds: number[] },
): number[] {
  const frame = where.time * where.channelIds.length;
  const data = explanation.saliency.data as Float32Array;
  const { targets, ...info } = explanation.info;
  return db.transaction(() =>
    where.starts.map((start, b) =>
      insertExplanation(
        db,
        {
          recordId: where.recordId,
          modelId: request.modelId,
          modelSha256: where.modelSha256,
          method: explanation.info.method,
          params: explanation.info.params,
          seed: request.seed,
          target: targets[b] ?? null,
          channelIds: where.channelIds,
          startSample: start,
          sampleCount: where.time,
          windowLength: where.time,
          scale: explanation.scale,
          saliency: data.slice(b * frame, (b + 1) * frame),
          info: { ...info, windowsInBatch: where.starts.length, faithfulness: faithfulness?.[b] },
          jobId: request.jobId ?? null,
        },
        request.actor,
      ),
    ),
  )();
}
