import type { Surface } from '../record-view/draw-paper';
import { colourAt, cssRgb, emphasis, type Palette } from './colour-maps';
import type { RowRange } from './compare-zoom';
import { BAND_ALPHA } from './draw-saliency';

/** One lead of one explainer's pane: its samples and its normalised saliency over the window. */
export interface PaneLead {
  name: string;
  signal: Float32Array;
  saliency: Float32Array;
}

export interface PaneScene {
  leads: readonly PaneLead[];
  palette: Palette;
  range: RowRange;
  /** The row under the pointer in any pane. */
  cursor: number | null;
}

export interface PaneColours {
  trace: string;
  cursor: string;
  text: string;
}

const STRIP_PX = 8;
/** Space above and below a lead's trace; less where many leads (an ICU stay's features) share a pane. */
const PAD_PX = 8;
/** A pane gives each lead at least this height, growing taller for many leads. */
export const PANE_ROW_PX = 16;

/** A pane of the compare view: per lead, the band behind the trace, the trace, a strip at its foot. */
export function drawComparePane(surface: Surface, scene: PaneScene, colours: PaneColours): void {
  const { ctx, width, height } = surface;
  ctx.clearRect(0, 0, width, height);
  const rowHeight = height / Math.max(1, scene.leads.length);
  const span = scene.range.to - scene.range.from;
  const xOf = (row: number): number => ((row - scene.range.from) / span) * width;
  const first = Math.max(0, Math.floor(scene.range.from));
  const strip = Math.min(STRIP_PX, rowHeight / 4);
  const pad = Math.min(PAD_PX, rowHeight / 8);
  scene.leads.forEach((lead, i) => {
    const top = i * rowHeight;
    const end = Math.min(Math.ceil(scene.range.to), lead.signal.length);
    for (let t = first; t < end; t++) {
      const value = lead.saliency[t] ?? Number.NaN;
      if (Number.isNaN(value)) continue;
      const colour = cssRgb(colourAt(scene.palette, value));
      const x0 = xOf(t);
      const w = Math.max(1, xOf(t + 1) - x0);
      ctx.fillStyle = colour;
      ctx.fillRect(x0, top + rowHeight - strip, w, strip);
      ctx.globalAlpha = BAND_ALPHA * emphasis(scene.palette, value);
      ctx.fillRect(x0, top, w, rowHeight - strip);
      ctx.globalAlpha = 1;
    }
    let low = Infinity;
    let high = -Infinity;
    for (const v of lead.signal) if (Number.isFinite(v)) [low, high] = [Math.min(low, v), Math.max(high, v)];
    const scale = high > low ? (rowHeight - strip - 2 * pad) / (high - low) : 0;
    ctx.beginPath();
    // Unmeasured samples (NaN, an ICU stay's gaps) lift the pen.
    let pen = false;
    for (let t = first; t < end; t++) {
      const value = lead.signal[t] ?? Number.NaN;
      if (!Number.isFinite(value)) {
        pen = false;
        continue;
      }
      const y = top + pad + (high - value) * scale;
      if (pen) ctx.lineTo(xOf(t + 0.5), y);
      else ctx.moveTo(xOf(t + 0.5), y);
      pen = true;
    }
    ctx.strokeStyle = colours.trace;
    ctx.lineWidth = 1.25;
    ctx.stroke();
    ctx.fillStyle = colours.text;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.fillText(lead.name, 4, top + 3);
  });
  if (scene.cursor !== null) {
    ctx.fillStyle = colours.cursor;
    ctx.fillRect(Math.round(xOf(scene.cursor)), 0, 1, height);
  }
}
