/**
 * User Timing entries for the speed targets of issue 8, read by the benchmark through a
 * PerformanceObserver. Each entry is cleared at once from the page's buffer, so a long session
 * does not accumulate them; observers still receive it.
 */
export const FRAME_MEASURE = 'record-view:frame';
export const FIRST_TRACE_MARK = 'record-view:first-trace';

let inputAt: number | null = null;

/** An input (key, wheel, drag) asked for a new frame; its time stamp starts the frame's clock. */
export function noteInput(timeStamp: number): void {
  inputAt ??= timeStamp;
}

/** The lanes were drawn: the time since the input that asked for them is that frame's time. */
export function frameDrawn(): void {
  if (inputAt === null) return;
  performance.measure(FRAME_MEASURE, { start: inputAt, end: performance.now() });
  performance.clearMeasures(FRAME_MEASURE);
  inputAt = null;
}

export function markFirstTrace(): void {
  performance.mark(FIRST_TRACE_MARK);
  performance.clearMarks(FIRST_TRACE_MARK);
}
