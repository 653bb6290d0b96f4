import type { AnnotationIndex } from './annotation-index';
import type { ChannelTrace } from './channel-trace';
import { ColumnExtents, foldColumns } from './column-extents';
import { drawAnnotations } from './draw-annotations';
import type { Surface } from './draw-paper';
import { traceColumns } from './draw-trace';
import type { ChannelLevel, Lane } from './lanes';
import type { TraceColours } from './trace-colours';

/** Rows of the overview strip: enough to recognise the leads, few enough to stay legible. */
const MAX_OVERVIEW_ROWS = 3;

export interface OverviewScene {
  lanes: readonly Lane[];
  traces: ReadonlyMap<number, ChannelTrace>;
  levels: Readonly<Record<number, ChannelLevel>>;
  annotations: AnnotationIndex | null;
  durationSec: number;
  dataVersion: number;
}

/**
 * The whole record at a glance: the first shown leads from their envelopes, each fitted to
 * its row, with the annotations as ticks (abnormal beats on top, so a run of PVCs stands out).
 */
export function drawOverview(surface: Surface, scene: OverviewScene, colours: TraceColours): void {
  const { ctx, width, height, dpr } = surface;
  ctx.fillStyle = colours.paper;
  ctx.fillRect(0, 0, width, height);
  const shown = scene.lanes.slice(0, MAX_OVERVIEW_ROWS);
  const rowHeight = height / Math.max(1, shown.length);
  const columns = Math.round(width * dpr);
  const extent = new ColumnExtents();
  const rows = shown.map((lane, row) => fittedRow(lane, scene.levels[lane.channel], row * rowHeight, rowHeight));
  ctx.beginPath();
  for (const row of rows) {
    const overview = scene.traces.get(row.channel)?.overview;
    if (overview === null || overview === undefined) continue;
    extent.reset(columns);
    foldColumns(overview, 0, row.sampleCount / columns, extent);
    traceColumns(surface, row, extent);
  }
  // Faded, so that the annotation ticks on top stand out.
  ctx.strokeStyle = colours.trace;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.globalAlpha = 1;
  if (scene.annotations !== null) {
    drawAnnotations(surface, rows, scene.annotations, 0, width / Math.max(scene.durationSec, 1e-9), colours);
  }
}

/** A row whose height holds the channel's usual range (2nd to 98th percentile). */
function fittedRow(lane: Lane, level: ChannelLevel | undefined, top: number, height: number): Lane {
  const swing = level === undefined ? 0 : level.high - level.low;
  const pxPerUnit = swing > 0 ? (0.8 * height) / swing : 1;
  const centre = level === undefined ? 0 : (level.high + level.low) / 2;
  return { ...lane, top, height, centre, pxPerUnit };
}
