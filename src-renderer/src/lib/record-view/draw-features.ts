import { colourAt, cssRgb, DIVERGING, SEQUENTIAL } from '../saliency/colour-maps';
import type { NormalisedSaliency } from '../saliency/normalise';
import type { SaliencyTrack } from '../saliency/saliency-track';
import { crispLine, type Surface } from './draw-paper';
import { heatColour, levelOf, stayHours, type Feature } from './icu-features';
import type { TraceColours } from './trace-colours';

/** Vertical lines every this many hours help read across rows. */
const HOUR_LINES_EVERY = 6;

export type FeatureLayout = 'lanes' | 'heatmap';

/** An explanation of the stay: a strip of this height along the bottom of each feature's row. */
export const FEATURE_SALIENCY_PX = 6;

export interface FeatureScene {
  features: readonly Feature[];
  layout: FeatureLayout;
  rowHeight: number;
  /** A run's map over the stay (hour × feature), normalised for its palette; null: none shown. */
  saliency: { track: SaliencyTrack; normalised: NormalisedSaliency } | null;
}

export function drawFeatures(surface: Surface, scene: FeatureScene, colours: TraceColours): void {
  const { ctx, width, height } = surface;
  ctx.fillStyle = colours.paper;
  ctx.fillRect(0, 0, width, height);
  const pxPerHour = width / stayHours(scene.features);
  scene.features.forEach((feature, row) => {
    const top = row * scene.rowHeight;
    if (scene.layout === 'heatmap') heatmapRow(surface, feature, top, scene.rowHeight, pxPerHour);
    else featureLane(surface, feature, top, scene.rowHeight, pxPerHour, colours);
    if (scene.saliency !== null) saliencyStrip(surface, scene.saliency, feature, top + scene.rowHeight, pxPerHour);
  });
  ctx.beginPath();
  for (let hour = HOUR_LINES_EVERY; hour * pxPerHour < width; hour += HOUR_LINES_EVERY) {
    const x = crispLine(hour * pxPerHour, surface.dpr);
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
  }
  for (let row = 1; row < scene.features.length; row++) {
    const y = crispLine(row * scene.rowHeight, surface.dpr);
    ctx.moveTo(0, y);
    ctx.lineTo(width, y);
  }
  ctx.strokeStyle = colours.laneRule;
  ctx.lineWidth = 1 / surface.dpr;
  ctx.stroke();
}

/** One cell per sample, coloured by where the value sits in the feature's own range; gaps stay paper. */
function heatmapRow(surface: Surface, feature: Feature, top: number, height: number, pxPerHour: number): void {
  const { ctx } = surface;
  const cell = feature.hoursPerSample * pxPerHour;
  feature.values.forEach((value, i) => {
    const level = levelOf(feature, value);
    if (Number.isNaN(level)) return;
    ctx.fillStyle = heatColour(level);
    ctx.fillRect(Math.floor(i * cell), top, Math.ceil(cell), height);
  });
}

/** A line through the measurements with a dot on each, scaled to the feature's range with a margin. */
function featureLane(
  surface: Surface,
  feature: Feature,
  top: number,
  height: number,
  pxPerHour: number,
  colours: TraceColours,
): void {
  const { ctx } = surface;
  const margin = height * 0.18;
  const yOf = (value: number): number => {
    const level = levelOf(feature, value);
    return top + height - margin - level * (height - 2 * margin);
  };
  const xOf = (i: number): number => (i + 0.5) * feature.hoursPerSample * pxPerHour;
  ctx.beginPath();
  let pen = false;
  feature.values.forEach((value, i) => {
    if (Number.isNaN(value)) {
      pen = false;
      return;
    }
    if (pen) ctx.lineTo(xOf(i), yOf(value));
    else ctx.moveTo(xOf(i), yOf(value));
    pen = true;
  });
  ctx.strokeStyle = colours.trace;
  ctx.lineWidth = 1.25;
  ctx.stroke();
  ctx.fillStyle = colours.trace;
  feature.values.forEach((value, i) => {
    if (!Number.isNaN(value)) ctx.fillRect(xOf(i) - 1.5, yOf(value) - 1.5, 3, 3);
  });
}

/** The feature's saliency per sample, under its row, in the run's palette (signed: diverging; masks: sequential). */
function saliencyStrip(
  surface: Surface,
  { track, normalised }: NonNullable<FeatureScene['saliency']>,
  feature: Feature,
  bottom: number,
  pxPerHour: number,
): void {
  const column = track.channels.indexOf(feature.channel);
  if (column < 0) return;
  const { ctx } = surface;
  const palette = normalised.diverging ? DIVERGING : SEQUENTIAL;
  const cell = feature.hoursPerSample * pxPerHour;
  for (let t = 0; t < track.length; t++) {
    const value = normalised.values[t * track.channels.length + column] ?? Number.NaN;
    if (Number.isNaN(value)) continue;
    ctx.fillStyle = cssRgb(colourAt(palette, value));
    ctx.fillRect(
      Math.floor((track.startSample + t) * cell),
      bottom - FEATURE_SALIENCY_PX,
      Math.ceil(cell),
      FEATURE_SALIENCY_PX,
    );
  }
}
