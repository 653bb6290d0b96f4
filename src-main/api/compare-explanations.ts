import type Database from 'better-sqlite3';
import { tensor } from '../engine';
import type { Tensor } from '../engine';
import { AppError } from '../errors';
import { blackBoxOf, forward, modelInput } from '../explain';
import {
  deletionCurve,
  insertionCurve,
  spearmanCorrelation,
  tintAup,
  tintAur,
  topKIou,
  type CurveFunction,
  type CurveOptions,
  type Forward,
} from '../metrics';
import { loadRegisteredModel, type ModelCard } from '../models';
import { findRecord, readExplanation, type StoredExplanation } from '../store';
import type {
  ExplanationAgreement,
  ExplanationComparison,
  ExplanationFaithfulness,
  PerturbationCurve,
} from './contract';
import { groundTruthMask, markedShare } from './ground-truth-window';

/**
 * Where the curves are measured: dense over the first tenth, where a ranking's top entries decide
 * the score (a beat model's class is often gone by then) and where methods differ most.
 */
export const CURVE_FRACTIONS: readonly number[] = [
  0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
];

/**
 * The numbers of the compare view, computed where the model and the samples are: every
 * explanation must be of the same window (record, model, start, channels), the one the model is
 * run on again for the deletion and insertion curves.
 */
export async function compareExplanations(
  db: Database.Database,
  explanationIds: readonly number[],
  topK: number,
): Promise<ExplanationComparison> {
  const maps = explanationIds.map((id) => {
    const found = readExplanation(db, id);
    if (!found) throw new AppError('not-found', `explanationIds: no explanation ${id} in this study`);
    return found;
  });
  const first = maps[0];
  if (first === undefined) throw new AppError('invalid-request', 'explanationIds: expected at least one id');
  for (const other of maps) requireSameWindow(first, other);

  const model = loadRegisteredModel(db, first.modelId);
  if (model.sha256 !== first.modelSha256) {
    throw new AppError(
      'invalid-request',
      `explanation ${first.id} was made with another version of model ${first.modelId} (sha256 ${first.modelSha256.slice(0, 12)}…); the registered one cannot re-check it`,
    );
  }
  const record = findRecord(db, String(first.recordId));
  const channels = first.channelIds.map((id) => {
    const channel = record.channels.find((c) => c.id === id);
    if (!channel)
      throw new AppError('not-found', `record ${record.name} no longer has channel ${id} of explanation ${first.id}`);
    return channel;
  });
  const x = modelInput(db, model.card, channels, [first.startSample]);
  const box = blackBoxOf(model);
  const score = scoreOf(model.card);
  const run: Forward = (batch) => forward(box, batch);

  const truth = groundTruthMask(db, first);
  const explanations: ExplanationFaithfulness[] = [];
  for (const map of maps) explanations.push(await faithfulness(run, x, map, score, truth));
  const agreement: ExplanationAgreement[] = [];
  maps.forEach((a, i) =>
    maps.slice(i + 1).forEach((b) => {
      const rho = spearmanCorrelation(asBatch(a), asBatch(b)).value;
      agreement.push({
        a: a.id,
        b: b.id,
        topKIou: topKIou(asBatch(a), asBatch(b), topK).value,
        spearman: Number.isFinite(rho) ? rho : null,
      });
    }),
  );
  return {
    recordId: first.recordId,
    startSample: first.startSample,
    sampleCount: first.sampleCount,
    topK,
    explanations,
    agreement,
    truthShare: truth === null ? null : markedShare(truth),
  };
}

function requireSameWindow(first: StoredExplanation, other: StoredExplanation): void {
  const differs = (
    [
      ['record', first.recordId, other.recordId],
      ['model', first.modelId, other.modelId],
      ['start sample', first.startSample, other.startSample],
      ['window length', first.windowLength, other.windowLength],
      ['channels', first.channelIds.join(','), other.channelIds.join(',')],
    ] as const
  ).find(([, a, b]) => a !== b);
  if (differs) {
    const [what, a, b] = differs;
    throw new AppError(
      'invalid-request',
      `explanationIds: explanations ${first.id} and ${other.id} are of different windows (${what} ${a} and ${b}); compare explanations of one window`,
    );
  }
}

/** What the curves track: the target's softmax probability, a binary-risk model's risk, or the raw output. */
function scoreOf(card: ModelCard): ExplanationFaithfulness['score'] {
  if (card.outputKind !== 'logits') return 'output';
  return card.task === 'binary-risk' ? 'risk' : 'softmax';
}

async function faithfulness(
  run: Forward,
  x: Tensor,
  map: StoredExplanation,
  score: ExplanationFaithfulness['score'],
  truth: Tensor | null,
): Promise<ExplanationFaithfulness> {
  const attributions = asBatch(map);
  const options: CurveOptions = {
    target: map.target ?? undefined,
    // A binary-risk model's one logit: the curves' softmax is then its sigmoid, the risk.
    score: score === 'output' ? 'output' : 'softmax',
    seed: map.seed,
    fractions: CURVE_FRACTIONS,
  };
  const curve = async (fn: CurveFunction, ranking: 'attribution' | 'random'): Promise<PerturbationCurve> => {
    const { fractions, scores, auc } = await fn(run, x, attributions, { ...options, ranking });
    return { fractions, scores, auc };
  };
  const runtimeMs = map.info.runtimeMs;
  const windowsInRun = map.info.windowsInBatch;
  return {
    id: map.id,
    method: map.method,
    params: { ...map.params },
    seed: map.seed,
    target: map.target,
    scale: map.scale,
    runtimeMs: typeof runtimeMs === 'number' ? runtimeMs : null,
    windowsInRun: typeof windowsInRun === 'number' ? windowsInRun : 1,
    score,
    deletion: await curve(deletionCurve, 'attribution'),
    insertion: await curve(insertionCurve, 'attribution'),
    randomDeletion: await curve(deletionCurve, 'random'),
    randomInsertion: await curve(insertionCurve, 'random'),
    groundTruth: truth === null ? null : { aup: tintAup(attributions, truth), aur: tintAur(attributions, truth) },
  };
}

/** A stored [T, F] map as the metrics take it, a batch of one. */
function asBatch(map: StoredExplanation): Tensor {
  return tensor('float32', [1, map.windowLength, map.featureCount], map.saliency);
}
