import { numpySum, type Rounding } from './numpy-arithmetic';

/** The ε inside Crabbé's logarithms (all code bases). */
const LOG_EPSILON = 1e-5;

/**
 * Crabbé et al.'s information I_m = Σ |log2(1 − a' + 1e-5)| over the truly salient entries: a sum,
 * so it grows with their number. Operations in numpy's order, rounded to the scores' precision.
 */
export function informationOf(salientScores: ArrayLike<number>, round: Rounding): number {
  const eps = round(LOG_EPSILON);
  const terms = Float64Array.from(salientScores, (a) => Math.abs(round(Math.log2(round(round(1 - a) + eps)))));
  return numpySum(terms, round);
}

/** Crabbé et al.'s entropy S_m = Σ a'·|log2(1e-5 + a')| + (1 − a')·|log2(1e-5 + 1 − a')| over the salient entries. */
export function entropyOf(salientScores: ArrayLike<number>, round: Rounding): number {
  const eps = round(LOG_EPSILON);
  // numpy evaluates `EPS + 1 - a` as the Python float (EPS + 1), then subtracts the array.
  const onePlusEps = round(LOG_EPSILON + 1);
  const terms = Float64Array.from(salientScores, (a) => {
    const own = round(a * Math.abs(round(Math.log2(round(eps + a)))));
    const rest = round(round(1 - a) * Math.abs(round(Math.log2(round(onePlusEps - a)))));
    return round(own + rest);
  });
  return numpySum(terms, round);
}
