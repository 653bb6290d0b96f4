import { describe, expect, it } from 'vitest';
import { AnnotationIndex, annotationLabel, annotationTone } from './annotation-index';
import { annotation } from './test-fixtures';

/** At 100 Hz: a rhythm change, normal beats each second, PVCs at 3 s and 7 s, an APC at 5 s. */
const index = new AnnotationIndex(
  [
    annotation(700, 'V'),
    annotation(0, '+', '(N'),
    ...[100, 200, 400, 600, 800, 900].map((s) => annotation(s, 'N')),
    annotation(300, 'V', null, 1),
    annotation(500, 'A'),
    annotation(650, '+', '(AFIB'),
  ],
  100,
);

describe('AnnotationIndex', () => {
  it('sorts annotations by time, in seconds', () => {
    expect([...index.times]).toEqual([0, 1, 2, 3, 4, 5, 6, 6.5, 7, 8, 9]);
    expect(index.symbols.slice(0, 4)).toEqual(['+', 'N', 'N', 'V']);
    expect(index.channels[3]).toBe(1);
    expect(index.channels[0]).toBe(-1);
  });

  it('finds the annotations inside a window', () => {
    expect(index.within(2, 5)).toEqual([2, 5]);
    expect(index.within(9.5, 20)).toEqual([11, 11]);
  });

  it('finds the next and the previous annotation of a label, strictly after or before', () => {
    expect(index.next('V', 0)).toBe(3);
    expect(index.next('V', 3)).toBe(8);
    expect(index.next('V', 7)).toBeNull();
    expect(index.previous('V', 7)).toBe(3);
    expect(index.previous('V', 3)).toBeNull();
  });

  it('walks rhythm changes by the rhythm they start', () => {
    expect(index.next('+(AFIB', 0)).toBe(7);
    expect(index.next('+(N', 0)).toBeNull();
  });

  it('counts labels, the most frequent first', () => {
    expect(index.labelCounts()).toEqual([
      { label: 'N', count: 6 },
      { label: 'V', count: 2 },
      { label: '+(N', count: 1 },
      { label: 'A', count: 1 },
      { label: '+(AFIB', count: 1 },
    ]);
  });
});

describe('picking an annotation', () => {
  /** At 100 Hz: beats at 1 s and 2 s (the second on lead 1 only), a segment on lead 0 from 3 s to 6 s. */
  const picked = new AnnotationIndex(
    [annotation(100, 'N'), annotation(200, 'V', null, 1), { ...annotation(300, '(AFIB', null, 0), endSample: 600 }],
    100,
  );

  it('picks the nearest start or end within the tolerance, on the lane clicked', () => {
    expect(picked.hit(1.04, 0.05, 0)?.sample).toBe(100);
    expect(picked.hit(1.06, 0.05, 0)).toBeNull();
    expect(picked.hit(2, 0.05, 0)).toBeNull();
    expect(picked.hit(2, 0.05, 1)?.sample).toBe(200);
    expect(picked.hit(5.98, 0.05, 0)?.sample).toBe(300);
  });

  it('picks a segment from inside it, on its own lane', () => {
    expect(picked.hit(4.5, 0.05, 0)?.symbol).toBe('(AFIB');
    expect(picked.hit(4.5, 0.05, 1)).toBeNull();
    expect(picked.segments).toEqual([2]);
    expect([...picked.ends].map((e) => (Number.isNaN(e) ? null : e))).toEqual([null, null, 6]);
  });

  it('finds an annotation by id', () => {
    expect(picked.byId(200)?.symbol).toBe('V');
    expect(picked.byId(7)).toBeUndefined();
  });
});

describe('annotation labels and tones', () => {
  it('names rhythm changes by their rhythm and beats by their symbol', () => {
    expect(annotationLabel('+', '(AFIB')).toBe('+(AFIB');
    expect(annotationLabel('+', null)).toBe('+');
    expect(annotationLabel('V', 'note')).toBe('V');
  });

  it('colours beats by their origin', () => {
    expect(annotationTone('N')).toBe('normal');
    expect(annotationTone('V')).toBe('ventricular');
    expect(annotationTone('A')).toBe('supraventricular');
    expect(annotationTone('+')).toBe('rhythm');
    expect(annotationTone('~')).toBe('other');
    expect(annotationTone('(AFIB')).toBe('rhythm');
    expect(annotationTone('(')).toBe('other');
  });
});
