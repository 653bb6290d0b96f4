import { drawSaliencyUnderTrace, drawSegmentBoxes, type SaliencyScene } from '../saliency/draw-saliency';
import type { AnnotationIndex } from './annotation-index';
import type { ChannelTrace } from './channel-trace';
import { ColumnExtents, foldColumns } from './column-extents';
import { drawAnnotations } from './draw-annotations';
import { crispLine, drawPaper, drawRuler, type Surface } from './draw-paper';
import { traceColumns, traceSamples } from './draw-trace';
import { laneWindow, RULER_HEIGHT_PX, type Lane } from './lanes';
import { blockServes } from './level-of-detail';
import { pxPerSec, type ViewFrame, type Viewport } from './navigation';
import type { TraceColours } from './trace-colours';

/** Everything one frame of the lanes shows. */
export interface EcgScene {
  viewport: Viewport;
  frame: ViewFrame;
  lanes: readonly Lane[];
  traces: ReadonlyMap<number, ChannelTrace>;
  annotations: AnnotationIndex | null;
  /** The annotation last jumped to, highlighted so the eye finds it. */
  cursorSec: number | null;
  /** Bumped when a block arrives, so that the scene changes and the canvas redraws. */
  dataVersion: number;
  /** Explainers' strips and band, drawn on the lanes' own time axis. */
  saliency: SaliencyScene;
}

/** Draws a frame; true when every lane was drawn from samples at full detail (not a stand-in). */
export function drawEcgScene(
  surface: Surface,
  scene: EcgScene,
  colours: TraceColours,
  extents: Map<number, ColumnExtents>,
): boolean {
  const { ctx, width } = surface;
  const { startSec, mmPerSec } = scene.viewport;
  const perSec = pxPerSec(scene.viewport, scene.frame);
  drawPaper(surface, colours, RULER_HEIGHT_PX, startSec * mmPerSec, scene.frame.pxPerMm);
  if (scene.cursorSec !== null) {
    ctx.fillStyle = colours.window;
    ctx.fillRect((scene.cursorSec - startSec) * perSec - 6, RULER_HEIGHT_PX, 12, surface.height);
  }
  const axis = { startSec, pxPerSec: perSec };
  drawSaliencyUnderTrace(surface, scene.lanes, scene.saliency, axis);
  let complete = true;
  ctx.lineJoin = 'round';
  for (const lane of scene.lanes) {
    const trace = scene.traces.get(lane.channel);
    if (trace === undefined) continue;
    let extent = extents.get(lane.channel);
    if (extent === undefined) extents.set(lane.channel, (extent = new ColumnExtents()));
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, lane.top, width, lane.height);
    ctx.clip();
    ctx.beginPath();
    complete = drawLaneTrace(surface, lane, trace, startSec, perSec, extent) && complete;
    ctx.strokeStyle = colours.trace;
    ctx.lineWidth = 1.25;
    ctx.stroke();
    ctx.restore();
    ctx.fillStyle = colours.laneRule;
    ctx.fillRect(0, crispLine(lane.top + lane.height, surface.dpr) - 0.5 / surface.dpr, width, 1 / surface.dpr);
  }
  if (scene.annotations !== null) drawAnnotations(surface, scene.lanes, scene.annotations, startSec, perSec, colours);
  drawSegmentBoxes(surface, scene.lanes, scene.saliency, axis, colours.salient);
  drawRuler(surface, colours, RULER_HEIGHT_PX, startSec, perSec);
  return complete;
}

function drawLaneTrace(
  surface: Surface,
  lane: Lane,
  trace: ChannelTrace,
  startSec: number,
  perSec: number,
  extent: ColumnExtents,
): boolean {
  const { viewStart, columns, samplesPerColumn, view } = laneWindow(lane, startSec, perSec, surface.width, surface.dpr);
  const block = trace.blockFor(view, samplesPerColumn);
  const served = block !== null && blockServes(block, view, samplesPerColumn);
  if (block !== null && block.detail === 'samples' && samplesPerColumn < 1) {
    traceSamples(surface, lane, block, viewStart, perSec / lane.samplingRateHz);
    return served;
  }
  extent.reset(columns);
  const [from, to] = block === null ? [0, 0] : foldColumns(block, viewStart, samplesPerColumn, extent);
  if (trace.overview !== null) {
    foldColumns(trace.overview, viewStart, samplesPerColumn, extent, 0, from);
    foldColumns(trace.overview, viewStart, samplesPerColumn, extent, to, columns);
  }
  traceColumns(surface, lane, extent);
  return served;
}
