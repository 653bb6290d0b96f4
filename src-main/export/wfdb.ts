import {
  ACMAX,
  annotationSymbol,
  NOTE,
  writeAnnotations,
  type AnnotationLabel,
  type AnnotationToWrite,
} from '../formats/wfdb';
import type { StoredAnnotation } from '../store';
import { labelWithNote } from './annotation-text';
import type { ExportContent } from './export-content';

/** `(` and `)`: waveform onset and end, which WFDB uses to bracket a labelled segment (formats.md §1.5). */
const SEGMENT_START = 39;
const SEGMENT_END = 40;
/** The chan of an annotation that belongs to no one signal. */
const ALL_SIGNALS = 255;

/**
 * The annotations as an MIT-format annotation file (`.atr` style), times in samples at the
 * record's frame rate, through the WFDB writer (putann's encoding).
 * - An annotation with an MIT code keeps its code, subtype and aux; chan is its channel index,
 *   255 for the whole record.
 * - One without a code (an analyst's label, an EDF+ or CSV one) becomes a NOTE (`"`) whose aux is
 *   its label and note; one with an end sample becomes a segment instead: `(` carrying that aux at
 *   the start and `)` at the end.
 * - A code whose label is not the standard symbol (from a source file's own label table) is
 *   defined in the file's label table, so readers show the same label.
 * A coded annotation's end sample has no place in the format and is left out.
 */
export function mitAnnotationFile({ annotations }: ExportContent): Buffer {
  return writeAnnotations(annotations.flatMap(toMit), { labels: customLabels(annotations) });
}

function toMit(a: StoredAnnotation): AnnotationToWrite[] {
  const chan = a.channel !== null && a.channel < ALL_SIGNALS ? a.channel : ALL_SIGNALS;
  const common = { sample: a.sample, subtype: a.subtype, chan };
  if (a.code !== null) return [{ ...common, code: a.code, aux: a.aux }];
  const aux = labelWithNote(a.symbol, a);
  if (a.endSample === null) return [{ ...common, code: NOTE, aux }];
  return [
    { ...common, code: SEGMENT_START, aux },
    { sample: a.endSample, code: SEGMENT_END, chan },
  ];
}

function customLabels(annotations: readonly StoredAnnotation[]): AnnotationLabel[] {
  const labels = new Map<number, AnnotationLabel>();
  for (const { code, symbol } of annotations) {
    if (code === null || code < 1 || code > ACMAX || labels.has(code) || symbol === annotationSymbol(code)) continue;
    labels.set(code, { code, symbol, description: '' });
  }
  return [...labels.values()];
}
