import type { Tensor } from '../engine';
import { deletionCurve, insertionCurve, trapezoid, type CurveFunction, type CurveOptions } from '../metrics';
import { forward, type BlackBox } from './black-box';

/** How faithful one window's map is: areas under its deletion and insertion curves, and a random order's. */
export interface WindowFaithfulness {
  /** Lower is better: removing the top-ranked samples first should make the class score fall fast. */
  readonly deletionAuc: number;
  readonly randomDeletionAuc: number;
  /** Higher is better: restoring the top-ranked samples first should bring the class score back fast. */
  readonly insertionAuc: number;
  readonly randomInsertionAuc: number;
}

/**
 * Deletion and insertion curves (11 points, baseline 0 = the channel's training mean after the
 * card's standardisation) of every window against a seeded random order, per window. Regressors
 * have no class score to follow: undefined for them.
 */
export async function windowFaithfulness(
  box: BlackBox,
  x: Tensor,
  saliency: Tensor,
  targets: readonly number[],
  seed: number,
): Promise<WindowFaithfulness[] | undefined> {
  if (box.output === 'values' || targets.length === 0) return undefined;
  const model = (input: Tensor): Promise<Tensor> => forward(box, input);
  const options: CurveOptions = { target: targets, seed, score: box.output === 'logits' ? 'softmax' : 'output' };
  const perWindow = async (curve: CurveFunction, ranking: 'attribution' | 'random'): Promise<number[]> => {
    const { fractions, perExample } = await curve(model, x, saliency, { ...options, ranking });
    return perExample.map((scores) => trapezoid(fractions, scores));
  };
  const [deletion, randomDeletion, insertion, randomInsertion] = await Promise.all([
    perWindow(deletionCurve, 'attribution'),
    perWindow(deletionCurve, 'random'),
    perWindow(insertionCurve, 'attribution'),
    perWindow(insertionCurve, 'random'),
  ]);
  return deletion.map((deletionAuc, b) => ({
    deletionAuc,
    randomDeletionAuc: randomDeletion[b] ?? NaN,
    insertionAuc: insertion[b] ?? NaN,
    randomInsertionAuc: randomInsertion[b] ?? NaN,
  }));
}
