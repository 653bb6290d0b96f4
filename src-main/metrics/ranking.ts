/**
 * One example's entries (flat indices t·F + f) ordered by their value, highest first when
 * `descending`, lowest first otherwise. Equal values keep index order, so ties resolve the same
 * way every run (torch leaves them implementation-defined).
 */
export function rankEntries(values: ArrayLike<number>, start: number, count: number, descending: boolean): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  const sign = descending ? -1 : 1;
  return order.sort((a, b) => sign * ((values[start + a] ?? 0) - (values[start + b] ?? 0)) || a - b);
}
