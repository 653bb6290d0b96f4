import { SeededRandom } from '../../datasets/ecg-synth/random';
import type { Tensor } from '../../engine/ir';
import { AppError } from '../../errors';
import { inputsAndMaps } from '../saliency-map';
import { baselineValues, overwriteEntries, type Baseline } from './baselines';
import { atTargets, resolveTargets, runForward, softmaxRows, type Forward } from './forward';
import { rankEntries } from '../ranking';
import { trapezoid } from '../ground-truth/precision-recall';

export interface CurveOptions {
  /** Fractions of each example's T·F entries, ascending in [0, 1]; default 0, 0.1, …, 1. k = round(T·F·fraction). */
  readonly fractions?: readonly number[];
  /** What a removed (deletion) or not-yet-inserted (insertion) entry holds. Default 0. */
  readonly baseline?: Baseline;
  /** Class per example (or one for all); default the argmax of the original output. */
  readonly target?: number | readonly number[];
  /**
   * 'attribution' (default): highest attribution first, ties by index. 'random': a seeded random
   * order per example, the reference an explanation should beat.
   */
  readonly ranking?: 'attribution' | 'random';
  /** Seed of the random order. Default 0. */
  readonly seed?: number;
  /** What is tracked: the softmax probability of the target (default) or the raw output column. */
  readonly score?: 'softmax' | 'output';
}

export interface PerturbationCurve {
  /** The fraction of entries actually perturbed at each point, k/(T·F). */
  readonly fractions: number[];
  /** The mean score over the examples at each point. */
  readonly scores: number[];
  /** [example][point] scores. */
  readonly perExample: number[][];
  /** Trapezoid area under `scores` over `fractions`: lower is better for deletion, higher for insertion. */
  readonly auc: number;
  readonly targets: number[];
}

/** A curve over growing fractions of each example's top-ranked entries. */
export type CurveFunction = (
  forward: Forward,
  x: Tensor,
  attributions: Tensor,
  options?: CurveOptions,
) => Promise<PerturbationCurve>;

/**
 * Deletion curve (RISE-style): the top-ranked entries of each example are replaced by the
 * baseline, a growing fraction at a time; a faithful ranking makes the target score fall fast.
 * One model call for all examples per curve point (plus one on x when no target is given).
 */
export const deletionCurve: CurveFunction = (forward, x, attributions, options = {}) =>
  perturbationCurve('deletion', forward, x, attributions, options);

/**
 * Insertion curve: each example starts as the baseline and gets back its top-ranked entries of x,
 * a growing fraction at a time; a faithful ranking makes the target score rise fast.
 */
export const insertionCurve: CurveFunction = (forward, x, attributions, options = {}) =>
  perturbationCurve('insertion', forward, x, attributions, options);

const DEFAULT_FRACTIONS = Array.from({ length: 11 }, (_, j) => j / 10);

async function perturbationCurve(
  kind: 'deletion' | 'insertion',
  forward: Forward,
  x: Tensor,
  attributions: Tensor,
  options: CurveOptions,
): Promise<PerturbationCurve> {
  const shape = inputsAndMaps(x, attributions, 'attributions');
  const { examples, perExample } = shape;
  const counts = entryCounts(options.fractions ?? DEFAULT_FRACTIONS, perExample);
  const order = rankings(attributions, examples, perExample, options);
  const baselineAt = baselineValues(options.baseline ?? 0, x, shape);
  const xValues = x.data as ArrayLike<number>;
  const allEntries = order.map(() => Int32Array.from({ length: perExample }, (_, i) => i));
  const start = kind === 'deletion' ? x : overwriteEntries(x, perExample, allEntries, baselineAt);
  const fill = kind === 'deletion' ? baselineAt : (i: number) => xValues[i] ?? NaN;

  // Without a given target, the original output picks it; otherwise the first curve point checks it.
  let targets = options.target === undefined ? resolveTargets(undefined, await runForward(forward, x)) : undefined;
  const perExampleScores = Array.from({ length: examples }, () => [] as number[]);
  for (const k of counts) {
    const chosen = order.map((o) => o.subarray(0, k));
    const outputs = await runForward(forward, overwriteEntries(start, perExample, chosen, fill));
    targets ??= resolveTargets(options.target, outputs);
    const scores = atTargets(options.score === 'output' ? outputs : softmaxRows(outputs), targets);
    scores.forEach((s, b) => perExampleScores[b]?.push(s));
  }
  const fractions = counts.map((k) => k / perExample);
  const scores = counts.map((_, j) => perExampleScores.reduce((sum, row) => sum + (row[j] ?? NaN), 0) / examples);
  return {
    fractions,
    scores,
    perExample: perExampleScores,
    auc: trapezoid(fractions, scores),
    targets: Array.from(targets ?? []),
  };
}

function entryCounts(fractions: readonly number[], perExample: number): number[] {
  if (fractions.length === 0) throw new AppError('invalid-request', 'fractions: expected at least one fraction');
  fractions.forEach((f, j) => {
    if (!(f >= 0 && f <= 1) || (j > 0 && f < (fractions[j - 1] ?? 0))) {
      throw new AppError(
        'invalid-request',
        `fractions: expected ascending values in [0, 1], got ${fractions.join(', ')}`,
      );
    }
  });
  return fractions.map((f) => Math.round(f * perExample));
}

function rankings(attributions: Tensor, examples: number, perExample: number, options: CurveOptions): Int32Array[] {
  if (options.ranking === 'random') {
    const random = new SeededRandom(options.seed ?? 0);
    return Array.from({ length: examples }, () => shuffled(perExample, random));
  }
  const values = attributions.data as ArrayLike<number>;
  return Array.from({ length: examples }, (_, b) => rankEntries(values, b * perExample, perExample, true));
}

/** A Fisher–Yates permutation of 0…n−1. */
function shuffled(n: number, random: SeededRandom): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}
