/**
 * User Timing entries for the speed targets of issue 8, read by the benchmark through a
 * PerformanceObserver. Each entry is cleared at once from the page's buffer, so a long session
 * does not accumulate them; observers still receive it.
 */

/** The page's work for one frame: from handling the input to the lanes drawn. */
export const FRAME_MEASURE = 'record-view:frame';
/**
 * From the input's time stamp to the lanes drawn: the frame's work plus the wait for the
 * browser to deliver the input (Chromium delivers moves and wheels aligned to its frames).
 */
export const INPUT_TO_FRAME_MEASURE = 'record-view:input-to-frame';
export const FIRST_TRACE_MARK = 'record-view:first-trace';

let input: { timeStamp: number; handledAt: number } | null = null;

/** An input (key, wheel, drag) is being handled and asks for a new frame. */
export function noteInput(timeStamp: number): void {
  input ??= { timeStamp, handledAt: performance.now() };
}

/** The lanes were drawn: closes the frame that the pending input asked for. */
export function measureFrame(): void {
  if (input === null) return;
  const end = performance.now();
  measureOnce(FRAME_MEASURE, input.handledAt, end);
  measureOnce(INPUT_TO_FRAME_MEASURE, input.timeStamp, end);
  input = null;
}

function measureOnce(name: string, start: number, end: number): void {
  performance.measure(name, { start, end });
  performance.clearMeasures(name);
}

export function markFirstTrace(): void {
  performance.mark(FIRST_TRACE_MARK);
  performance.clearMarks(FIRST_TRACE_MARK);
}
