import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { explainers } from '../explain';
import { listModels } from '../models';
import { findRecord, listExplanations, readExplanation, type ExplanationSummary as Stored } from '../store';
import type { ExplainerInfo, ExplanationMap, ExplanationSummary, ModelInfo } from './contract';

/** The study's models as the explain panel lists them. */
export function modelInfos(db: Database.Database): ModelInfo[] {
  return listModels(db).map(({ id, card, sha256, differentiability }) => ({
    id,
    name: card.name,
    version: card.version,
    task: card.task,
    classNames: [...card.classNames],
    outputKind: card.outputKind,
    windowLength: card.input.windowLength,
    samplingRateHz: card.input.samplingRateHz,
    channelNames: card.input.channels.map((c) => c.name),
    sha256,
    differentiable: differentiability.differentiable,
    forwardOnlyOps: [...new Set(differentiability.forwardOnlyNodes.map((n) => n.op))],
  }));
}

export function explainerInfos(): ExplainerInfo[] {
  return explainers.map((e) => ({
    name: e.name,
    title: e.title,
    needsGradients: e.needsGradients,
    defaults: { ...e.parseParams({}) },
  }));
}

export function explanationMap(db: Database.Database, id: number): ExplanationMap {
  const found = readExplanation(db, id);
  if (!found) throw new AppError('not-found', `no explanation ${id} in this study`);
  return { ...summary(found, channelIndexer(db, found.recordId)), saliency: found.saliency };
}

export function explanationSummaries(db: Database.Database, recordId: number): ExplanationSummary[] {
  const indexOf = channelIndexer(db, recordId);
  return listExplanations(db, recordId).map((stored) => summary(stored, indexOf));
}

/** The renderer knows a record's channels by index, the store by id. */
function channelIndexer(db: Database.Database, recordId: number): (channelId: number) => number {
  const indices = new Map(findRecord(db, String(recordId)).channels.map((c) => [c.id, c.index]));
  return (channelId) => {
    const index = indices.get(channelId);
    if (index === undefined) throw new AppError('internal', `record ${recordId} has no channel with id ${channelId}`);
    return index;
  };
}

function summary(stored: Stored, indexOf: (channelId: number) => number): ExplanationSummary {
  return {
    ...stored,
    channelIds: [...stored.channelIds],
    channelIndices: stored.channelIds.map(indexOf),
    params: { ...stored.params },
    info: { ...stored.info },
  };
}
