import type { Rng } from '../../engine/program';
import { AppError } from '../../errors';

/** Fisher–Yates in place with the seeded generator (numpy's `shuffle` has the same form, with its own draws). */
export function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
}

export interface Fold {
  /** Rows to train on, ascending. */
  readonly train: number[];
  /** The fold's held-out rows, ascending. */
  readonly validation: number[];
}

/**
 * scikit-learn's `KFold(n_splits=folds, shuffle=True)`: the rows 0…count−1 shuffled once, cut into
 * `folds` consecutive parts (the first count mod folds of them one row longer); fold k holds out
 * part k and trains on the rest, both in ascending row order. The shuffle draws from our seeded
 * generator, so `random_state=42` in Python and `seed` 42 here give different folds.
 */
export function kFoldSplits(count: number, folds: number, rng: Rng): Fold[] {
  if (!Number.isInteger(folds) || folds < 2 || folds > count) {
    throw new AppError('invalid-request', `folds: expected a whole number from 2 to the ${count} rows, got ${folds}`);
  }
  const order = Int32Array.from({ length: count }, (_, i) => i);
  shuffle(order, rng);
  const base = Math.floor(count / folds);
  const longer = count % folds;
  const splits: Fold[] = [];
  let start = 0;
  for (let k = 0; k < folds; k++) {
    const end = start + base + (k < longer ? 1 : 0);
    const held = new Set(order.subarray(start, end));
    const ascending = Array.from({ length: count }, (_, i) => i);
    splits.push({ train: ascending.filter((i) => !held.has(i)), validation: ascending.filter((i) => held.has(i)) });
    start = end;
  }
  return splits;
}
