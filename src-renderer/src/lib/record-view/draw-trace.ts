import type { ColumnExtents } from './column-extents';
import type { Surface } from './draw-paper';
import { yOfValue, type Lane } from './lanes';
import type { TraceBlock } from './level-of-detail';

/**
 * A lane's trace from per-column extents: each device-pixel column draws from its min to its max,
 * entering at the extreme nearer the previous column's end, so that the pen never jumps back.
 * Empty columns (no data, or NaN samples) break the line.
 */
export function traceColumns(surface: Surface, lane: Lane, columns: ColumnExtents): void {
  const { ctx, dpr } = surface;
  let lastY = Number.NaN;
  for (let column = 0; column < columns.min.length; column++) {
    const low = columns.min[column] as number;
    if (Number.isNaN(low)) {
      lastY = Number.NaN;
      continue;
    }
    const x = (column + 0.5) / dpr;
    const yLow = yOfValue(lane, low);
    const yHigh = yOfValue(lane, columns.max[column] as number);
    const [first, second] = Math.abs(yHigh - lastY) < Math.abs(yLow - lastY) ? [yHigh, yLow] : [yLow, yHigh];
    if (Number.isNaN(lastY)) ctx.moveTo(x, first);
    else ctx.lineTo(x, first);
    if (second !== first) ctx.lineTo(x, second);
    lastY = second;
  }
}

/** A lane's trace through every sample, when samples are further apart than a pixel. */
export function traceSamples(
  surface: Surface,
  lane: Lane,
  block: TraceBlock,
  viewStartSample: number,
  pxPerSample: number,
): void {
  const { ctx, width } = surface;
  const first = Math.max(0, Math.floor(viewStartSample - block.start) - 1);
  const end = Math.min(block.min.length, Math.ceil(viewStartSample - block.start + width / pxPerSample) + 2);
  let pen = false;
  for (let i = first; i < end; i++) {
    const value = block.min[i] as number;
    if (Number.isNaN(value)) {
      pen = false;
      continue;
    }
    const x = (block.start + i - viewStartSample) * pxPerSample;
    const y = yOfValue(lane, value);
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  }
}
