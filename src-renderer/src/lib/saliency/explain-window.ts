import type { ModelInfo, RecordInfo } from '$api/contract';
import { annotationTone, type AnnotationIndex } from '../record-view/annotation-index';
import { timeSpanText } from '../record-view/record-axis';

/** What part of the record to explain: model windows side by side from `fromSec` to `toSec`. */
export interface ExplainSpan {
  fromSec: number;
  toSec: number;
  windows: number;
}

type ModelWindow = Pick<ModelInfo, 'windowLength' | 'samplingRateHz'>;

function windowSec(model: ModelWindow): number {
  return model.windowLength / model.samplingRateHz;
}

/** `count` windows from `fromSec` snapped to a whole sample, so the job cuts exactly these windows. */
function spanFrom(fromSec: number, count: number, model: ModelWindow): ExplainSpan {
  const from = Math.round(fromSec * model.samplingRateHz) / model.samplingRateHz;
  return { fromSec: from, toSec: from + count * windowSec(model), windows: count };
}

/**
 * The whole windows that fit in what the lanes show, on the record's grid of windows (side by
 * side from its start, as predictions run): runs made from different views share their windows.
 */
export function spanOfView(
  startSec: number,
  shownSec: number,
  model: ModelWindow,
  durationSec: number,
): ExplainSpan | null {
  const length = windowSec(model);
  // max(0, …) also turns the −0 that ceil gives at the record start into 0.
  const first = Math.max(0, Math.ceil(startSec / length - 1e-9));
  const count = Math.floor(Math.min(durationSec, startSec + shownSec) / length + 1e-9) - first;
  return count < 1 ? null : spanFrom(first * length, count, model);
}

/** The grid's windows covering a range (two caliper tips); a range within one window gets one window centred on it. */
export function spanOfRange(aSec: number, bSec: number, model: ModelWindow, durationSec: number): ExplainSpan | null {
  const [from, to] = aSec < bSec ? [aSec, bSec] : [bSec, aSec];
  const length = windowSec(model);
  const first = Math.floor(Math.max(0, from) / length + 1e-9);
  const count = Math.min(Math.floor(durationSec / length + 1e-9), Math.ceil(to / length - 1e-9)) - first;
  if (count <= 1) return spanOfBeat((from + to) / 2, model, durationSec);
  return spanFrom(first * length, count, model);
}

/** One window centred on a beat, moved inside the record near its ends. */
export function spanOfBeat(beatSec: number, model: ModelWindow, durationSec: number): ExplainSpan | null {
  const length = windowSec(model);
  if (durationSec < length) return null;
  return spanFrom(Math.max(0, Math.min(beatSec - length / 2, durationSec - length)), 1, model);
}

/** A span as the explain form states it, on the record's own time axis (clock, or an ICU stay's hours). */
export function spanText(record: Pick<RecordInfo, 'channels'>, span: ExplainSpan | null): string {
  if (span === null) return 'not available';
  const windows = span.windows === 1 ? '1 window' : `${span.windows} windows`;
  return `${timeSpanText(record, span.fromSec, span.toSec)}, ${windows}`;
}

/**
 * Why a model cannot explain a record (null when it can): the job matches the card's channels by
 * name (case-insensitively when that is unambiguous) and needs them at the card's rate.
 */
export function modelMismatch(model: ModelInfo, record: RecordInfo): string | null {
  for (const name of model.channelNames) {
    const exact = record.channels.find((c) => c.name === name);
    const caseless = record.channels.filter((c) => c.name.toLowerCase() === name.toLowerCase());
    const channel = exact ?? (caseless.length === 1 ? caseless[0] : undefined);
    if (channel === undefined) return `needs lead ${name}`;
    if (Math.abs(channel.samplingRateHz - model.samplingRateHz) > 1e-6 * model.samplingRateHz) {
      return `needs ${name} at ${model.samplingRateHz} Hz`;
    }
  }
  return null;
}

/** The beat (an annotation of a beat class) nearest `seconds`, within `withinSec`; null when none is. */
export function beatNear(
  index: AnnotationIndex,
  seconds: number,
  withinSec: number,
): { timeSec: number; symbol: string } | null {
  const [from, to] = index.within(seconds - withinSec, seconds + withinSec);
  let best: number | null = null;
  for (let i = from; i < to; i++) {
    const tone = annotationTone(index.symbols[i] ?? '');
    if (tone === 'rhythm' || tone === 'other') continue;
    if (best === null || Math.abs((index.times[i] ?? 0) - seconds) < Math.abs((index.times[best] ?? 0) - seconds))
      best = i;
  }
  return best === null ? null : { timeSec: index.times[best] ?? 0, symbol: index.symbols[best] ?? '' };
}
