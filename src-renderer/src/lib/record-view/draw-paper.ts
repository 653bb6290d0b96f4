import { paperLines } from './paper';
import type { TraceColours } from './trace-colours';
import { tickDecimals, tickStep, timeTicks } from './time-ticks';
import { clockTime } from '../format/clock';

/** A canvas context already scaled to CSS pixels, with the canvas size in CSS pixels and its pixel ratio. */
export interface Surface {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  dpr: number;
}

/**
 * ECG paper under the lanes: vertical lines that move with time (a millimetre of paper is
 * 1/speed seconds), horizontal lines fixed from the top of the lanes.
 */
export function drawPaper(
  surface: Surface,
  colours: TraceColours,
  top: number,
  offsetMm: number,
  pxPerMm: number,
): void {
  const { ctx, width, height } = surface;
  ctx.fillStyle = colours.paper;
  ctx.fillRect(0, top, width, height - top);
  const across = paperLines(offsetMm, width, pxPerMm);
  const down = paperLines(0, height - top, pxPerMm);
  strokeLines(
    surface,
    across.minor,
    down.minor.map((y) => y + top),
    top,
    colours.gridMinor,
  );
  strokeLines(
    surface,
    across.major,
    down.major.map((y) => y + top),
    top,
    colours.gridMajor,
  );
}

function strokeLines(
  surface: Surface,
  xs: readonly number[],
  ys: readonly number[],
  top: number,
  colour: string,
): void {
  const { ctx, width, height } = surface;
  ctx.beginPath();
  for (const x of xs) {
    const crisp = crispLine(x, surface.dpr);
    ctx.moveTo(crisp, top);
    ctx.lineTo(crisp, height);
  }
  for (const y of ys) {
    const crisp = crispLine(y, surface.dpr);
    ctx.moveTo(0, crisp);
    ctx.lineTo(width, crisp);
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1 / surface.dpr;
  ctx.stroke();
}

/** The middle of the device pixel under `at`, so that a one-pixel line is sharp. */
export function crispLine(at: number, dpr: number): number {
  return (Math.round(at * dpr) + 0.5) / dpr;
}

/** The clock along the top: ticks on round times, labelled h:mm:ss. */
export function drawRuler(
  surface: Surface,
  colours: TraceColours,
  heightPx: number,
  startSec: number,
  pxPerSec: number,
): void {
  const { ctx, width } = surface;
  ctx.fillStyle = colours.ruler;
  ctx.fillRect(0, 0, width, heightPx);
  const decimals = tickDecimals(tickStep(pxPerSec, 90));
  ctx.beginPath();
  ctx.fillStyle = colours.rulerText;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const tick of timeTicks(startSec, width, pxPerSec)) {
    const x = crispLine(tick.x, surface.dpr);
    ctx.moveTo(x, heightPx - 5);
    ctx.lineTo(x, heightPx);
    ctx.fillText(clockTime(tick.seconds, decimals), x + 3, heightPx / 2 - 1);
  }
  ctx.strokeStyle = colours.rulerText;
  ctx.lineWidth = 1 / surface.dpr;
  ctx.stroke();
}
