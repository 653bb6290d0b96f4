import { Rng } from '../../engine/program';
import { AppError } from '../../errors';
import type { LabelledWindows } from './labelled-windows';
import { shuffle } from './seeded-order';

/** The windows `rows` of a set, in that order. */
export function pickRows(set: LabelledWindows, rows: ArrayLike<number>): LabelledWindows {
  const count = rows.length;
  const frame = set.windows.length / Math.max(1, set.count);
  const width = set.targets.length / Math.max(1, set.count);
  const windows = new Float32Array(count * frame);
  const targets = new Float32Array(count * width);
  for (let i = 0; i < count; i++) {
    const n = rows[i] ?? 0;
    windows.set(set.windows.subarray(n * frame, (n + 1) * frame), i * frame);
    targets.set(set.targets.subarray(n * width, (n + 1) * width), i * width);
  }
  return { windows, targets, count, ...(set.perTimeStep === true ? { perTimeStep: true } : {}) };
}

/** Windows appended one set after another. */
export function joinSets(sets: readonly LabelledWindows[]): LabelledWindows {
  const count = sets.reduce((n, s) => n + s.count, 0);
  const windows = new Float32Array(sets.reduce((n, s) => n + s.windows.length, 0));
  const targets = new Float32Array(sets.reduce((n, s) => n + s.targets.length, 0));
  let [w, t] = [0, 0];
  for (const set of sets) {
    windows.set(set.windows, w);
    targets.set(set.targets, t);
    w += set.windows.length;
    t += set.targets.length;
  }
  return { windows, targets, count };
}

export interface SplitSets {
  readonly train: LabelledWindows;
  readonly validation: LabelledWindows;
  readonly test: LabelledWindows;
}

/**
 * Splits the windows at random (seeded) into training, validation (early stopping) and held-out
 * test sets of the given fractions; each part keeps the windows' original order.
 */
export function splitRows(
  set: LabelledWindows,
  fractions: { validation: number; test: number },
  seed: number,
): SplitSets {
  const validationCount = Math.round(set.count * fractions.validation);
  const testCount = Math.round(set.count * fractions.test);
  if (validationCount < 1 || testCount < 1 || set.count - validationCount - testCount < 1) {
    throw new AppError(
      'invalid-request',
      `${set.count} windows cannot be split into training, validation (${fractions.validation}) and test (${fractions.test}) sets of at least one window each`,
    );
  }
  const order = Int32Array.from({ length: set.count }, (_, i) => i);
  shuffle(order, new Rng(seed));
  const part = (from: number, to: number): LabelledWindows => pickRows(set, order.slice(from, to).sort());
  return {
    test: part(0, testCount),
    validation: part(testCount, testCount + validationCount),
    train: part(testCount + validationCount, set.count),
  };
}
