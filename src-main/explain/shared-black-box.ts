import { sessionGeneration } from '../engine';
import type { LoadedModel } from '../models/loaded-model';
import { blackBoxOf } from './black-box';
import type { BlackBox } from './black-box';

/** Models kept (most recently used first out last): a study rarely explains with more at once. */
const KEPT = 4;
const boxes = new Map<string, BlackBox>();

/**
 * The black box of a loaded model, one object per model content (sha256) and session generation.
 * Everything explainers cache per model (the imported graph, forward programs, compiled training
 * graphs) is keyed by the bytes object, and a study reads the bytes anew for every request, so
 * without this each request would trace and compile everything again.
 */
export function sharedBlackBox(model: LoadedModel): BlackBox {
  const key = `${model.sha256}|${model.card.outputKind}|${model.source}|${sessionGeneration()}`;
  const box = boxes.get(key) ?? blackBoxOf(model);
  boxes.delete(key);
  boxes.set(key, box);
  for (const oldest of boxes.keys()) if (boxes.size > KEPT) boxes.delete(oldest);
  return box;
}

/** Forgets every shared box, so the next request starts cold (benchmarks and tests of the warm path). */
export function forgetSharedBlackBoxes(): void {
  boxes.clear();
}
