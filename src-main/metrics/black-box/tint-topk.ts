import { AppError } from '../../errors';

/**
 * tint's top-k size k = int(N · fraction), truncated in float64 like Python's `int`. For the
 * smallest entries tint passes 1 − topk, so N = 10, topk = 0.9 selects int(10 · 0.0999…) = 0.
 */
export function tintTopkCount(perExample: number, fraction: number): number {
  checkTopk(fraction);
  return Math.trunc(perExample * fraction);
}

export function checkTopk(topk: number): void {
  if (!(topk > 0 && topk < 1))
    throw new AppError('invalid-request', `topk: expected a fraction in (0, 1), got ${topk}`);
}
