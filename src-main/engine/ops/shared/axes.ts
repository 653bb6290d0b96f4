import type { NodeInfo } from '../definition';

/** Resolves a possibly negative axis against `rank`, failing outside [-rank, rank). */
export function normalizeAxis(axis: number, rank: number, node: NodeInfo): number {
  if (axis < -rank || axis >= rank) node.fail(`axis ${axis} is outside a rank-${rank} tensor`);
  return axis < 0 ? axis + rank : axis;
}

export function normalizeAxes(axes: readonly number[], rank: number, node: NodeInfo): number[] {
  const out = axes.map((a) => normalizeAxis(a, rank, node));
  if (new Set(out).size !== out.length) node.fail(`axes [${axes.join(', ')}] repeat an axis`);
  return out;
}

/** The permutation that undoes `perm`. */
export function inversePermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return inverse;
}
