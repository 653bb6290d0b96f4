import type { StoredAnnotation } from '../store';

/**
 * What an annotation says beyond its label and channel: its aux text, unless that only repeats
 * the label (an imported EDF+ text is stored as label and aux, `label` or `label@@channel`).
 */
export function annotationNote(annotation: StoredAnnotation): string | null {
  const { aux, symbol } = annotation;
  if (aux === null || aux === '' || aux === symbol || aux.startsWith(`${symbol}@@`)) return null;
  return aux;
}

/** Label and note as one text, for formats with a single text per annotation: `+ (AFIB`, `noisy lead off`. */
export function labelWithNote(label: string, annotation: StoredAnnotation): string {
  const note = annotationNote(annotation);
  return note === null ? label : `${label} ${note}`;
}
