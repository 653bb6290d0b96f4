import type Database from 'better-sqlite3';
import { tensor } from '../engine';
import { AppError } from '../errors';
import {
  findModel,
  listPredictionRuns,
  loadRegisteredModel,
  openModelRunner,
  preprocessWindows,
  readPredictions,
  readVerdicts,
  readWindows,
  type ModelCard,
  type ModelRunner,
  type WindowVerdict,
} from '../models';
import type { ExplanationSummary, RecordDetail } from '../store';

/** What a report says about the model an explanation was made with. */
export interface ModelFacts {
  readonly id: string;
  /** The sha256 the explanation was made with. */
  readonly sha256: string;
  /** The registered card, when the study still holds this very model. */
  readonly card: ModelCard | null;
  /** Why the card is missing: removed, or replaced by a model with other bytes. */
  readonly note: string | null;
}

/** The model's prediction for an explained window. */
export interface Verdict {
  /** The predicted class's name; null for a regression model. */
  readonly className: string | null;
  /** The probability of the predicted class; null for a regression model. */
  readonly probability: number | null;
  readonly source: 'stored prediction' | 'computed for this report';
}

export function modelFacts(db: Database.Database, id: string, sha256: string): ModelFacts {
  let registered;
  try {
    registered = findModel(db, id);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not-found') {
      return { id, sha256, card: null, note: 'no longer registered in this study' };
    }
    throw error;
  }
  if (registered.sha256 !== sha256) {
    const note = `the study now holds other bytes under this id (sha256 ${registered.sha256})`;
    return { id, sha256, card: null, note };
  }
  return { id, sha256, card: registered.card, note: null };
}

/**
 * Reads the prediction the study stored for the explained window, or runs the model on that
 * window (nothing is stored); null when the model the explanation used is no longer there.
 */
export class WindowVerdicts {
  private readonly runners = new Map<string, Promise<ModelRunner>>();

  constructor(
    private readonly db: Database.Database,
    private readonly record: RecordDetail,
  ) {}

  async verdict(explanation: ExplanationSummary, facts: ModelFacts): Promise<Verdict | null> {
    const { card } = facts;
    if (card === null) return null;
    const stored = this.storedVerdict(explanation);
    const computed = stored ?? (await this.computedVerdict(explanation, card));
    if (computed === null) return null;
    return { ...describe(card, computed), source: stored === null ? 'computed for this report' : 'stored prediction' };
  }

  private storedVerdict(e: ExplanationSummary): WindowVerdict | null {
    const run = listPredictionRuns(this.db, e.recordId).find((r) => r.modelId === e.modelId);
    if (run?.modelSha256 !== e.modelSha256 || run.windowLength !== e.windowLength) return null;
    const range = { from: e.startSample, to: e.startSample + 1 };
    return readPredictions(this.db, e.modelId, e.recordId, range)[0] ?? null;
  }

  private async computedVerdict(e: ExplanationSummary, card: ModelCard): Promise<WindowVerdict | null> {
    const time = card.input.windowLength;
    const channels = e.channelIds.map((id) => this.record.channels.find((c) => c.id === id));
    if (e.windowLength !== time || e.sampleCount !== time || channels.some((c) => c === undefined)) return null;
    const present = channels.filter((c) => c !== undefined);
    const values = readWindows(this.db, present, [e.startSample], time);
    preprocessWindows(card, values, 1);
    const runner = await this.runner(e.modelId);
    const outputs = await runner.run(tensor('float32', [1, time, present.length], values));
    return readVerdicts(card, outputs)[0] ?? null;
  }

  private runner(modelId: string): Promise<ModelRunner> {
    let runner = this.runners.get(modelId);
    if (runner === undefined) {
      runner = openModelRunner(loadRegisteredModel(this.db, modelId));
      this.runners.set(modelId, runner);
    }
    return runner;
  }
}

/** Class name and its probability (for a binary risk, the probability of the class it points to). */
function describe(card: ModelCard, verdict: WindowVerdict): Pick<Verdict, 'className' | 'probability'> {
  const { label, score } = verdict;
  if (label === null || score === null) return { className: null, probability: null };
  const probability = card.task === 'binary-risk' && label === 0 ? 1 - score : score;
  return { className: card.classNames[label] ?? String(label), probability };
}
