import { GROUND_TRUTH_LABEL } from '$api/method-names';
import { annotationTone, type AnnotationIndex, type AnnotationTone } from './annotation-index';
import type { Surface } from './draw-paper';
import type { Lane } from './lanes';
import type { TraceColours } from './trace-colours';

/** Below this many pixels per annotation, symbols would overlap: beats become coloured ticks. */
const MIN_PX_PER_SYMBOL = 9;
const SYMBOL_BASELINE = 12;
/** A note longer than this is cut on the trace (the annotation list shows it whole). */
const MAX_AUX_CHARS = 24;
const SEGMENT_ALPHA = 0.1;

/**
 * Beat and event annotations along the top of each lane: the MIT symbol, with its aux text
 * (a rhythm such as "(AFIB", or a note) beside it; a segment also shades its span. An
 * annotation tied to one channel shows on that lane only.
 */
export function drawAnnotations(
  surface: Surface,
  lanes: readonly Lane[],
  index: AnnotationIndex,
  startSec: number,
  pxPerSec: number,
  colours: TraceColours,
): void {
  const { ctx, width } = surface;
  const [from, to] = index.within(startSec - 1 / pxPerSec, startSec + (width + 1) / pxPerSec);
  const dense = (to - from) * MIN_PX_PER_SYMBOL > width;
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textBaseline = 'alphabetic';
  for (const lane of lanes) {
    const top = lane.top + 2;
    drawSegments(surface, lane, index, startSec, pxPerSec, colours);
    if (dense) drawTicks(surface, lane, index, from, to, startSec, pxPerSec, colours);
    for (let i = from; i < to; i++) {
      const channel = index.channels[i] as number;
      if (channel !== -1 && channel !== lane.channel) continue;
      const symbol = index.symbols[i] as string;
      const tone = annotationTone(symbol);
      // A synthetic record's ground truth sits on the beat it explains: its band says enough, its text would cover the beat's.
      if ((dense && tone !== 'rhythm') || symbol === GROUND_TRUTH_LABEL) continue;
      const x = ((index.times[i] as number) - startSec) * pxPerSec;
      ctx.fillStyle = colours.tones[tone];
      ctx.textAlign = 'center';
      ctx.fillText(symbol, x, top + SYMBOL_BASELINE);
      const aux = index.aux[i];
      if (aux !== null && aux !== undefined && aux !== '') {
        ctx.textAlign = 'left';
        ctx.fillText(
          aux.length > MAX_AUX_CHARS ? `${aux.slice(0, MAX_AUX_CHARS - 1)}…` : aux,
          x + 6,
          top + SYMBOL_BASELINE,
        );
      }
      ctx.fillRect(x - 0.5, top + SYMBOL_BASELINE + 3, 1, 5);
    }
  }
}

/** Each segment on the lane: its span shaded, a bar along the top, its label kept in view when it began earlier. */
function drawSegments(
  surface: Surface,
  lane: Lane,
  index: AnnotationIndex,
  startSec: number,
  pxPerSec: number,
  colours: TraceColours,
): void {
  const { ctx, width } = surface;
  for (const i of index.segments) {
    const channel = index.channels[i] as number;
    if (channel !== -1 && channel !== lane.channel) continue;
    const left = ((index.times[i] as number) - startSec) * pxPerSec;
    const right = ((index.ends[i] as number) - startSec) * pxPerSec;
    if (right < 0 || left > width) continue;
    ctx.fillStyle = colours.tones[annotationTone(index.symbols[i] as string)];
    ctx.globalAlpha = SEGMENT_ALPHA;
    ctx.fillRect(left, lane.top, right - left, lane.height);
    ctx.globalAlpha = 1;
    ctx.fillRect(left, lane.top + 1, right - left, 2);
    if (left < 0) {
      ctx.textAlign = 'left';
      ctx.fillText(`◂ ${index.symbols[i] as string}`, 2, lane.top + 2 + SYMBOL_BASELINE);
    }
  }
}

/** One tick per pixel column and tone, however many beats share it (a 24-hour record has 100,000). */
function drawTicks(
  surface: Surface,
  lane: Lane,
  index: AnnotationIndex,
  from: number,
  to: number,
  startSec: number,
  pxPerSec: number,
  colours: TraceColours,
): void {
  const { ctx } = surface;
  const lastColumn = new Map<AnnotationTone, number>();
  const paths = new Map<AnnotationTone, Path2D>();
  for (let i = from; i < to; i++) {
    const channel = index.channels[i] as number;
    if (channel !== -1 && channel !== lane.channel) continue;
    const tone = annotationTone(index.symbols[i] as string);
    const x = Math.round(((index.times[i] as number) - startSec) * pxPerSec);
    if (lastColumn.get(tone) === x) continue;
    lastColumn.set(tone, x);
    let path = paths.get(tone);
    if (path === undefined) paths.set(tone, (path = new Path2D()));
    path.rect(x, lane.top + 3, 1, tone === 'normal' ? 4 : 8);
  }
  // Abnormal beats last, so that a PVC is never hidden under the normal beats around it.
  for (const tone of ['normal', 'other', 'rhythm', 'supraventricular', 'ventricular'] as const) {
    const path = paths.get(tone);
    if (path === undefined) continue;
    ctx.fillStyle = colours.tones[tone];
    ctx.fill(path);
  }
}
