import type { Surface } from '../record-view/draw-paper';
import type { Lane } from '../record-view/lanes';
import { colourAt, cssRgb, emphasis, type Palette } from './colour-maps';
import type { NormalisedSaliency } from './normalise';
import type { SaliencyTrack } from './saliency-track';
import { rowSpanPx, stripBands, stripColumns, type TimeAxis } from './strip-geometry';
import type { SalientSegment } from './top-k-segments';

/** Where a channel's lane is: an ECG lead's or an ICU feature's row, in CSS pixels of the canvas. */
export type SaliencyLane = Pick<Lane, 'channel' | 'top' | 'height'>;

/** One explainer's run as the lanes draw it. */
export interface SaliencyLayer {
  key: string;
  /** A few letters for the strip's label. */
  short: string;
  track: SaliencyTrack;
  shown: NormalisedSaliency;
  palette: Palette;
}

export interface SaliencyScene {
  /** Top to bottom: one strip each under every lead. */
  layers: readonly SaliencyLayer[];
  strips: boolean;
  /** The layer drawn as a band behind the trace, if any. */
  band: SaliencyLayer | null;
  /** Outlined on the trace with their ranks (the band layer's top segments). */
  segments: readonly SalientSegment[];
  /** The segment last jumped to. */
  current: SalientSegment | null;
}

/** Strongest bands at this opacity: the trace stays readable over them. */
export const BAND_ALPHA = 0.55;
/** Strips at least this tall carry the method's short name. */
const LABELLED_STRIP_PX = 5;
/** Colours per palette, quantised: a frame fills thousands of columns. */
const LEVELS = 256;
const lookups = new Map<Palette, string[]>();

function colourLookup(palette: Palette): string[] {
  let table = lookups.get(palette);
  if (table === undefined) {
    table = Array.from({ length: LEVELS }, (_, i) =>
      cssRgb(colourAt(palette, palette.low + (i / (LEVELS - 1)) * (1 - palette.low))),
    );
    lookups.set(palette, table);
  }
  return table;
}

function level(palette: Palette, value: number): number {
  return Math.round(((Math.min(1, Math.max(palette.low, value)) - palette.low) / (1 - palette.low)) * (LEVELS - 1));
}

function laneColumns(layer: SaliencyLayer, lane: SaliencyLane, axis: TimeAxis, width: number): Float32Array | null {
  const feature = layer.track.channels.indexOf(lane.channel);
  return feature < 0 ? null : stripColumns(layer.shown.values, layer.track, feature, axis, Math.ceil(width));
}

/** Behind the trace: the band layer over each lane's height, then the strips at each lane's foot. */
export function drawSaliencyUnderTrace(
  surface: Surface,
  lanes: readonly SaliencyLane[],
  scene: SaliencyScene,
  axis: TimeAxis,
): void {
  const { ctx, width } = surface;
  const band = scene.band;
  if (band !== null) {
    const table = colourLookup(band.palette);
    for (const lane of lanes) {
      const columns = laneColumns(band, lane, axis, width);
      if (columns === null) continue;
      columns.forEach((value, x) => {
        const strength = emphasis(band.palette, value);
        if (!(strength > 0.02)) return;
        ctx.globalAlpha = BAND_ALPHA * strength;
        ctx.fillStyle = table[level(band.palette, value)] as string;
        ctx.fillRect(x, lane.top, 1, lane.height);
      });
    }
    ctx.globalAlpha = 1;
  }
  if (!scene.strips) return;
  ctx.font = '9px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const lane of lanes) {
    const bands = stripBands(lane, scene.layers.length);
    scene.layers.forEach((layer, i) => {
      const row = bands[i];
      const columns = laneColumns(layer, lane, axis, width);
      if (row === undefined || columns === null) return;
      const table = colourLookup(layer.palette);
      columns.forEach((value, x) => {
        if (Number.isNaN(value)) return;
        ctx.fillStyle = table[level(layer.palette, value)] as string;
        ctx.fillRect(x, row.top, 1, row.height);
      });
      // A strip thinner than its label (an ICU heatmap row's) keeps its colours clear of the text.
      if (row.height < LABELLED_STRIP_PX) return;
      ctx.fillStyle = 'rgb(0 0 0 / 0.55)';
      ctx.fillText(layer.short, 3, row.top + row.height / 2);
    });
  }
}

/** Over the trace: the ranked segments as outlined boxes with their rank. */
export function drawSegmentBoxes(
  surface: Surface,
  lanes: readonly SaliencyLane[],
  scene: SaliencyScene,
  axis: TimeAxis,
  colour: string,
): void {
  const { ctx } = surface;
  const band = scene.band;
  if (band === null) return;
  ctx.font = 'bold 10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (const segment of scene.segments) {
    const lane = lanes.find((l) => l.channel === band.track.channels[segment.feature]);
    if (lane === undefined) continue;
    const { x, width } = rowSpanPx(band.track, segment.start, segment.end, axis);
    if (x + width < 0 || x > surface.width) continue;
    const current = segment === scene.current;
    ctx.strokeStyle = colour;
    ctx.lineWidth = current ? 2 : 1;
    ctx.setLineDash(current ? [] : [3, 2]);
    ctx.strokeRect(Math.round(x) + 0.5, lane.top + 3.5, Math.max(2, Math.round(width)), lane.height - 7);
    ctx.fillStyle = colour;
    ctx.fillText(String(segment.rank), Math.round(x) + 3, lane.top + 5);
  }
  ctx.setLineDash([]);
}
