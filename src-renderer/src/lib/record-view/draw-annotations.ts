import { annotationTone, type AnnotationIndex, type AnnotationTone } from './annotation-index';
import type { Surface } from './draw-paper';
import type { Lane } from './lanes';
import type { TraceColours } from './trace-colours';

/** Below this many pixels per annotation, symbols would overlap: beats become coloured ticks. */
const MIN_PX_PER_SYMBOL = 9;
const SYMBOL_BASELINE = 12;

/**
 * Beat and event annotations along the top of each lane: the MIT symbol, with its aux text
 * (a rhythm such as "(AFIB") beside it. An annotation tied to one channel shows on that lane only.
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
    if (dense) drawTicks(surface, lane, index, from, to, startSec, pxPerSec, colours);
    for (let i = from; i < to; i++) {
      const channel = index.channels[i] as number;
      if (channel !== -1 && channel !== lane.channel) continue;
      const symbol = index.symbols[i] as string;
      const tone = annotationTone(symbol);
      if (dense && tone !== 'rhythm') continue;
      const x = ((index.times[i] as number) - startSec) * pxPerSec;
      ctx.fillStyle = colours.tones[tone];
      ctx.textAlign = 'center';
      ctx.fillText(symbol, x, top + SYMBOL_BASELINE);
      const aux = index.aux[i];
      if (aux !== null && aux !== undefined && aux !== '') {
        ctx.textAlign = 'left';
        ctx.fillText(aux, x + 6, top + SYMBOL_BASELINE);
      }
      ctx.fillRect(x - 0.5, top + SYMBOL_BASELINE + 3, 1, 5);
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
