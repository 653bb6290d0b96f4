import type { Annotation } from '$api/contract';
import { clockTime } from '../format/clock';

/** Where an annotation lies, as the record's clock reads: "0:01:02.35", or "0:01:02.35–0:01:04.10". */
export function annotationSpan(a: Pick<Annotation, 'sample' | 'endSample'>, frameRateHz: number): string {
  const at = clockTime(a.sample / frameRateHz, 2);
  return a.endSample === null ? at : `${at}–${clockTime(a.endSample / frameRateHz, 2)}`;
}
