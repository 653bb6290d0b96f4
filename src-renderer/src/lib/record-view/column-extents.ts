import type { TraceBlock } from './level-of-detail';

/** Per-column min/max arrays for one lane, reused from frame to frame. */
export class ColumnExtents {
  min: Float32Array = new Float32Array(0);
  max: Float32Array = new Float32Array(0);

  /** Sized for `columns` columns, all NaN (nothing drawn). */
  reset(columns: number): void {
    if (this.min.length !== columns) {
      this.min = new Float32Array(columns);
      this.max = new Float32Array(columns);
    }
    this.min.fill(Number.NaN);
    this.max.fill(Number.NaN);
  }
}

/**
 * Folds a block into columns `[fromColumn, toColumn)` of a view that starts at sample
 * `viewStart`, `samplesPerColumn` samples per column: each column gets the min and max of every
 * bin it overlaps. Only columns whose first sample lies inside the block are written; NaN bins
 * (no valid sample) leave a column empty, so the trace shows a gap there. Returns the columns
 * written, so that a coarser block can fill the rest.
 */
export function foldColumns(
  block: TraceBlock,
  viewStart: number,
  samplesPerColumn: number,
  into: ColumnExtents,
  fromColumn = 0,
  toColumn = into.min.length,
): [number, number] {
  const bins = block.min.length;
  const firstColumn = Math.max(fromColumn, Math.ceil((block.start - viewStart) / samplesPerColumn));
  const endColumn = Math.min(toColumn, Math.ceil((block.end - viewStart) / samplesPerColumn));
  for (let column = firstColumn; column < endColumn; column++) {
    const from = viewStart + column * samplesPerColumn - block.start;
    const firstBin = Math.max(0, Math.floor(from / block.samplesPerBin));
    const endBin = Math.min(bins, Math.max(firstBin + 1, Math.ceil((from + samplesPerColumn) / block.samplesPerBin)));
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let bin = firstBin; bin < endBin; bin++) {
      const binMin = block.min[bin] as number;
      const binMax = block.max[bin] as number;
      if (binMin < low) low = binMin;
      if (binMax > high) high = binMax;
    }
    if (low <= high) {
      into.min[column] = low;
      into.max[column] = high;
    }
  }
  return endColumn > firstColumn ? [firstColumn, endColumn] : [fromColumn, fromColumn];
}
