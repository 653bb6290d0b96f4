import { AppError } from '../errors';
import type { ExplanationSummary, RecordDetail } from '../store';

/** A stretch of the record in seconds from its start, [startSec, endSec). */
export interface TimeWindow {
  readonly startSec: number;
  readonly endSec: number;
}

/** What a report shows when neither an explicit window nor an explanation says otherwise. */
export const DEFAULT_WINDOW_SEC = 10;
/** Beyond this much signal a report stops being something to read (and 25 mm/s makes 7.5 m of paper). */
export const MAX_REPORT_SEC = 300;

/** The seconds an explanation covers, from its window's samples at its channels' rate. */
export function explanationWindow(record: RecordDetail, explanation: ExplanationSummary): TimeWindow {
  const channel = record.channels.find((c) => c.id === explanation.channelIds[0]);
  const rate = channel?.samplingRateHz ?? record.frameRateHz;
  return {
    startSec: explanation.startSample / rate,
    endSec: (explanation.startSample + explanation.sampleCount) / rate,
  };
}

export function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.startSec < b.endSec && b.startSec < a.endSec;
}

/**
 * The windows a report draws: the ones asked for, in order; else the windows of the record's
 * explanations (overlapping ones merged); else the record's first 10 seconds.
 */
export function chooseWindows(
  record: RecordDetail,
  explanations: readonly ExplanationSummary[],
  asked: readonly TimeWindow[],
): TimeWindow[] {
  const duration = record.sampleCount / record.frameRateHz;
  const windows =
    asked.length > 0
      ? asked.map((w) => checkedWindow(record, w, duration))
      : explanations.length > 0
        ? mergeOverlapping(explanations.map((e) => explanationWindow(record, e)))
        : [{ startSec: 0, endSec: Math.min(DEFAULT_WINDOW_SEC, duration) }];
  const total = windows.reduce((sum, w) => sum + w.endSec - w.startSec, 0);
  if (total > MAX_REPORT_SEC) {
    throw new AppError(
      'invalid-request',
      `record ${record.name}: the windows add up to ${total.toFixed(1)} s; a report draws at most ${MAX_REPORT_SEC} s (choose shorter ones with --from and --to)`,
    );
  }
  return windows;
}

function checkedWindow(record: RecordDetail, window: TimeWindow, duration: number): TimeWindow {
  const { startSec, endSec } = window;
  if (!(startSec >= 0) || !(endSec > startSec) || startSec >= duration) {
    throw new AppError(
      'invalid-request',
      `record ${record.name}: window ${startSec} s to ${endSec} s is not within the record (0 s to ${duration} s) or ends before it starts`,
    );
  }
  return { startSec, endSec: Math.min(endSec, duration) };
}

function mergeOverlapping(windows: readonly TimeWindow[]): TimeWindow[] {
  const sorted = [...windows].sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
  const merged: TimeWindow[] = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && w.startSec < last.endSec) {
      merged[merged.length - 1] = { startSec: last.startSec, endSec: Math.max(last.endSec, w.endSec) };
    } else {
      merged.push(w);
    }
  }
  return merged;
}
