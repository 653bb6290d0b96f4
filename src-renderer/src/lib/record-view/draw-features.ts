import { drawSaliencyUnderTrace, drawSegmentBoxes, type SaliencyScene } from '../saliency/draw-saliency';
import type { TimeAxis } from '../saliency/strip-geometry';
import { crispLine, type Surface } from './draw-paper';
import { heatColour, levelOf, stayHours, type Feature } from './icu-features';
import type { TraceColours } from './trace-colours';

/** Vertical lines every this many hours help read across rows. */
const HOUR_LINES_EVERY = 6;

export type FeatureLayout = 'lanes' | 'heatmap';

export interface FeatureScene {
  features: readonly Feature[];
  layout: FeatureLayout;
  rowHeight: number;
  /**
   * The stay's explanations as the ECG lanes draw them (strips under each row, the band behind the
   * trace, the ranked segments outlined); the heatmap's cells are its values, so it takes no band.
   */
  saliency: SaliencyScene | null;
}

export function drawFeatures(surface: Surface, scene: FeatureScene, colours: TraceColours): void {
  const { ctx, width, height } = surface;
  ctx.fillStyle = colours.paper;
  ctx.fillRect(0, 0, width, height);
  const pxPerHour = width / stayHours(scene.features);
  const rows = scene.features.map((feature, row) => ({
    channel: feature.channel,
    top: row * scene.rowHeight,
    height: scene.rowHeight,
  }));
  const axis: TimeAxis = { startSec: 0, pxPerSec: pxPerHour / 3600 };
  if (scene.layout === 'heatmap') {
    scene.features.forEach((feature, row) =>
      heatmapRow(surface, feature, row * scene.rowHeight, scene.rowHeight, pxPerHour),
    );
    if (scene.saliency !== null) drawSaliencyUnderTrace(surface, rows, { ...scene.saliency, band: null }, axis);
  } else {
    if (scene.saliency !== null) drawSaliencyUnderTrace(surface, rows, scene.saliency, axis);
    scene.features.forEach((feature, row) =>
      featureLane(surface, feature, row * scene.rowHeight, scene.rowHeight, pxPerHour, colours),
    );
  }
  if (scene.saliency !== null) drawSegmentBoxes(surface, rows, scene.saliency, axis, colours.salient);
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
