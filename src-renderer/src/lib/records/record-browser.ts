import type { RecordFacets, RecordSummary } from '$api/contract';

/** What the study browser narrows the records to; an empty field (or null) leaves it open. */
export interface RecordFilter {
  /** Case-insensitive substring of the name, source or patient id. */
  search: string;
  source: string;
  /** Case-insensitive substring of the patient id. */
  patient: string;
  /** An annotation label the record has ("V", "+(AFIB"). */
  label: string;
  annotated: 'any' | 'yes' | 'no';
  /** "model id\tclass": some window of the record was predicted as that class. */
  predicted: string;
}

export const openFilter: RecordFilter = {
  search: '',
  source: '',
  patient: '',
  label: '',
  annotated: 'any',
  predicted: '',
};

/** The key of a prediction filter option. */
export function predictionKey(modelId: string, className: string): string {
  return `${modelId}\t${className}`;
}

const noFacets: RecordFacets = { recordId: -1, labels: [], predicted: [] };

export function filterRecords(
  records: readonly RecordSummary[],
  facets: ReadonlyMap<number, RecordFacets>,
  filter: RecordFilter,
): RecordSummary[] {
  const search = filter.search.trim().toLowerCase();
  const patient = filter.patient.trim().toLowerCase();
  return records.filter((r) => {
    const f = facets.get(r.id) ?? noFacets;
    if (search !== '' && ![r.name, r.source, r.patientId ?? ''].some((text) => text.toLowerCase().includes(search))) {
      return false;
    }
    if (filter.source !== '' && r.source !== filter.source) return false;
    if (patient !== '' && !(r.patientId ?? '').toLowerCase().includes(patient)) return false;
    if (filter.annotated !== 'any' && r.annotationCount > 0 !== (filter.annotated === 'yes')) return false;
    if (filter.label !== '' && !f.labels.includes(filter.label)) return false;
    if (filter.predicted !== '') {
      return f.predicted.some((p) => p.classes.some((c) => predictionKey(p.modelId, c) === filter.predicted));
    }
    return true;
  });
}

/** The columns a record table sorts on. */
export type RecordColumn = keyof Pick<
  RecordSummary,
  | 'name'
  | 'source'
  | 'patientId'
  | 'channelCount'
  | 'samplingRateHz'
  | 'sampleCount'
  | 'durationSec'
  | 'annotationCount'
>;

export interface RecordSort {
  column: RecordColumn;
  descending: boolean;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Sorted by one column, text by natural order ("rec-2" before "rec-10"), ties by id; records without a patient last. */
export function sortRecords(records: readonly RecordSummary[], { column, descending }: RecordSort): RecordSummary[] {
  const sign = descending ? -1 : 1;
  return [...records].sort((a, b) => {
    const [x, y] = [a[column], b[column]];
    if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return order !== 0 ? sign * order : a.id - b.id;
  });
}

/** The distinct values of some field over the records' facets, sorted. */
export function filterOptions(
  records: readonly RecordSummary[],
  facets: readonly RecordFacets[],
): { sources: string[]; labels: string[]; predictions: { key: string; modelId: string; className: string }[] } {
  const sources = [...new Set(records.map((r) => r.source))].sort(collator.compare);
  const labels = [...new Set(facets.flatMap((f) => f.labels))].sort(collator.compare);
  const predictions = new Map<string, { key: string; modelId: string; className: string }>();
  for (const { predicted } of facets) {
    for (const { modelId, classes } of predicted) {
      for (const className of classes) {
        const key = predictionKey(modelId, className);
        predictions.set(key, { key, modelId, className });
      }
    }
  }
  return { sources, labels, predictions: [...predictions.values()].sort((a, b) => collator.compare(a.key, b.key)) };
}

/** Rows drawn beyond the visible ones on each side, so that a scroll shows no blank before the next frame. */
const OVERSCAN_ROWS = 8;

/** The rows [first, end) a virtualised table draws for a scroll position, and the space left above and below. */
export function visibleRows(
  scrollTop: number,
  viewportPx: number,
  rowPx: number,
  count: number,
): { first: number; end: number; beforePx: number; afterPx: number } {
  // A scroll position left from a longer list (before a filter) shows the last screenful, not nothing.
  const top = Math.max(0, Math.min(scrollTop, count * rowPx - viewportPx));
  const first = Math.max(0, Math.min(count, Math.floor(top / rowPx) - OVERSCAN_ROWS));
  const end = Math.min(count, Math.ceil((top + Math.max(viewportPx, rowPx)) / rowPx) + OVERSCAN_ROWS);
  return { first, end: Math.max(first, end), beforePx: first * rowPx, afterPx: Math.max(0, count - end) * rowPx };
}
