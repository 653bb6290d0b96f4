import type { Annotation } from '$api/contract';
import { describe, expect, it } from 'vitest';
import { annotation } from '../record-view/test-fixtures';
import { anyAnnotation, authorsOf, filterAnnotations } from './annotation-filter';

function by(a: Annotation, author: string, source: Annotation['source']): Annotation {
  return { ...a, author, source };
}

const items = [
  by(annotation(0, '+', '(AFIB'), 'mitdb', 'imported'),
  by(annotation(100, 'N'), 'mitdb', 'imported'),
  by(annotation(200, 'V', 'wide'), 'ana', 'analyst'),
  by(annotation(300, '"', 'Salient segment #1'), 'bo', 'explainer'),
  by(annotation(400, 'V'), 'bo', 'analyst'),
];

describe('the annotation list filter', () => {
  it('lets everything through by default', () => {
    expect(filterAnnotations(items, anyAnnotation)).toEqual(items);
  });

  it('filters by label (rhythm changes by their rhythm), author and source together', () => {
    const ids = (filter: Partial<typeof anyAnnotation>): number[] =>
      filterAnnotations(items, { ...anyAnnotation, ...filter }).map((a) => a.id);
    expect(ids({ label: 'V' })).toEqual([200, 400]);
    expect(ids({ label: '+(AFIB' })).toEqual([0]);
    expect(ids({ author: 'bo' })).toEqual([300, 400]);
    expect(ids({ source: 'analyst' })).toEqual([200, 400]);
    expect(ids({ label: 'V', author: 'bo', source: 'analyst' })).toEqual([400]);
    expect(ids({ label: 'V', source: 'explainer' })).toEqual([]);
  });

  it('lists the authors once each, in name order', () => {
    expect(authorsOf(items)).toEqual(['ana', 'bo', 'mitdb']);
  });
});
