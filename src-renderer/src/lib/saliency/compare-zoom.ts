/** Rows [from, to) of a window shown by the compare view's panes, all at once. */
export interface RowRange {
  from: number;
  to: number;
}

/** The narrowest view: a few samples still show as a line. */
export const MIN_ROWS = 8;

/**
 * Zooms by `factor` (< 1 in, > 1 out) keeping the row under the pointer (`anchor`) where it is,
 * within [0, length).
 */
export function zoomAt(range: RowRange, factor: number, anchor: number, length: number): RowRange {
  const width = Math.min(length, Math.max(MIN_ROWS, (range.to - range.from) * factor));
  const share = range.to > range.from ? (anchor - range.from) / (range.to - range.from) : 0.5;
  const from = Math.min(length - width, Math.max(0, anchor - share * width));
  return { from, to: from + width };
}

/** The row under pixel `x` of a pane `widthPx` wide. */
export function rowAt(range: RowRange, x: number, widthPx: number): number {
  return range.from + (x / Math.max(1, widthPx)) * (range.to - range.from);
}
