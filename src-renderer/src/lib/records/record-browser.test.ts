import type { RecordFacets, RecordSummary } from '$api/contract';
import { describe, expect, it } from 'vitest';
import { filterOptions, filterRecords, openFilter, predictionKey, sortRecords, visibleRows } from './record-browser';

function record(id: number, name: string, extra: Partial<RecordSummary> = {}): RecordSummary {
  return {
    id,
    name,
    source: 'wfdb',
    patientId: `p-${id}`,
    channelCount: 2,
    samplingRateHz: 360,
    sampleCount: 3600 * id,
    durationSec: 10 * id,
    annotationCount: 0,
    ...extra,
  };
}

const records = [
  record(1, 'rec-10', { annotationCount: 5 }),
  record(2, 'rec-2', { source: 'edf', patientId: null }),
  record(3, 'Rec-1', { source: 'mimic3', patientId: 'icu-77', annotationCount: 1 }),
];
const facetList: RecordFacets[] = [
  { recordId: 1, labels: ['N', 'V'], predicted: [{ modelId: 'beat', classes: ['N', 'V'] }] },
  { recordId: 2, labels: [], predicted: [] },
  { recordId: 3, labels: ['+(AFIB'], predicted: [{ modelId: 'beat', classes: ['N'] }] },
];
const facets = new Map(facetList.map((f) => [f.recordId, f]));
const ids = (list: readonly RecordSummary[]): number[] => list.map((r) => r.id);

describe('the study browser', () => {
  it('filters on search, source, patient, label, annotations and predicted class, all together', () => {
    expect(ids(filterRecords(records, facets, openFilter))).toEqual([1, 2, 3]);
    expect(ids(filterRecords(records, facets, { ...openFilter, search: 'REC-1' }))).toEqual([1, 3]);
    expect(ids(filterRecords(records, facets, { ...openFilter, search: 'icu' }))).toEqual([3]);
    expect(ids(filterRecords(records, facets, { ...openFilter, source: 'edf' }))).toEqual([2]);
    expect(ids(filterRecords(records, facets, { ...openFilter, patient: 'P-' }))).toEqual([1]);
    expect(ids(filterRecords(records, facets, { ...openFilter, label: '+(AFIB' }))).toEqual([3]);
    expect(ids(filterRecords(records, facets, { ...openFilter, annotated: 'no' }))).toEqual([2]);
    expect(ids(filterRecords(records, facets, { ...openFilter, annotated: 'yes' }))).toEqual([1, 3]);
    const predictedV = predictionKey('beat', 'V');
    expect(ids(filterRecords(records, facets, { ...openFilter, predicted: predictedV }))).toEqual([1]);
    expect(ids(filterRecords(records, facets, { ...openFilter, predicted: predictionKey('beat', 'N') }))).toEqual([
      1, 3,
    ]);
    expect(
      ids(filterRecords(records, facets, { ...openFilter, annotated: 'yes', source: 'wfdb', label: 'V' })),
    ).toEqual([1]);
  });

  it('sorts names in natural order either way, numbers by value, and records without a patient last', () => {
    expect(ids(sortRecords(records, { column: 'name', descending: false }))).toEqual([3, 2, 1]);
    expect(ids(sortRecords(records, { column: 'name', descending: true }))).toEqual([1, 2, 3]);
    expect(ids(sortRecords(records, { column: 'durationSec', descending: true }))).toEqual([3, 2, 1]);
    expect(ids(sortRecords(records, { column: 'patientId', descending: false }))).toEqual([3, 1, 2]);
    expect(ids(sortRecords(records, { column: 'patientId', descending: true }))).toEqual([1, 3, 2]);
  });

  it('offers the values the study holds as filter options', () => {
    expect(filterOptions(records, facetList)).toEqual({
      sources: ['edf', 'mimic3', 'wfdb'],
      labels: ['+(AFIB', 'N', 'V'],
      predictions: [
        { key: predictionKey('beat', 'N'), modelId: 'beat', className: 'N' },
        { key: predictionKey('beat', 'V'), modelId: 'beat', className: 'V' },
      ],
    });
  });

  it('draws only the rows in view, with a few more on each side, and keeps the full scroll height', () => {
    // 5000 rows of 30 px in a 600 px viewport scrolled to row 1000.
    expect(visibleRows(30000, 600, 30, 5000)).toEqual({
      first: 992,
      end: 1028,
      beforePx: 992 * 30,
      afterPx: 3972 * 30,
    });
    expect(visibleRows(0, 600, 30, 5000)).toMatchObject({ first: 0, end: 28, beforePx: 0 });
    // Scrolled past the end (the list got shorter): the last 20 rows (4980–4999) and 8 before them.
    expect(visibleRows(10_000_000, 600, 30, 5000)).toMatchObject({ first: 4972, end: 5000, afterPx: 0 });
    expect(visibleRows(0, 600, 30, 3)).toEqual({ first: 0, end: 3, beforePx: 0, afterPx: 0 });
  });
});
