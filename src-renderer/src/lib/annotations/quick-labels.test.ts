import type { AnnotationLabel } from '$api/contract';
import { describe, expect, it } from 'vitest';
import { quickLabelForKey, quickLabels } from './quick-labels';

const mit = (label: string, kind: AnnotationLabel['kind'] = 'beat'): AnnotationLabel => ({
  label,
  description: '',
  kind,
  code: null,
});
const mitList = [
  ...['N', 'L', 'R', 'A', 'V', 'F', 'Q'].map((l) => mit(l)),
  mit('~', 'non-beat'),
  mit('(AFIB', 'rhythm'),
];

describe('quick labels', () => {
  it('puts the commonest MIT labels on keys 1–9', () => {
    expect(quickLabels(mitList)).toEqual(['N', 'V', 'A', 'F', 'L', 'R', 'Q', '~', '(AFIB']);
  });

  it('puts the study’s own labels first, and offers only labels the list has', () => {
    const quick = quickLabels([...mitList.filter((l) => l.label !== 'F'), mit('noise', 'study'), mit('swap', 'study')]);
    expect(quick).toEqual(['noise', 'swap', 'N', 'V', 'A', 'L', 'R', 'Q', '~']);
  });

  it('maps number keys to them, and nothing else', () => {
    const quick = ['N', 'V', 'A'];
    expect(quickLabelForKey(quick, '1')).toBe('N');
    expect(quickLabelForKey(quick, '3')).toBe('A');
    expect(quickLabelForKey(quick, '4')).toBeNull();
    expect(quickLabelForKey(quick, '0')).toBeNull();
    expect(quickLabelForKey(quick, '!')).toBeNull();
    expect(quickLabelForKey(quick, '12')).toBeNull();
  });
});
