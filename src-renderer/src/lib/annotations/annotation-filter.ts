import type { Annotation } from '$api/contract';
import { annotationLabel } from '../record-view/annotation-index';

/** What the annotation list shows: '' for any. */
export interface AnnotationFilter {
  label: string;
  author: string;
  source: '' | Annotation['source'];
}

export const anyAnnotation: AnnotationFilter = { label: '', author: '', source: '' };

/** The annotations the filter lets through, in the order given (time order). */
export function filterAnnotations(items: readonly Annotation[], filter: AnnotationFilter): Annotation[] {
  return items.filter(
    (a) =>
      (filter.label === '' || annotationLabel(a.symbol, a.aux) === filter.label) &&
      (filter.author === '' || a.author === filter.author) &&
      (filter.source === '' || a.source === filter.source),
  );
}

/** The authors of a record's annotations, in name order. */
export function authorsOf(items: readonly Annotation[]): string[] {
  return [...new Set(items.map((a) => a.author))].sort((x, y) => x.localeCompare(y));
}
