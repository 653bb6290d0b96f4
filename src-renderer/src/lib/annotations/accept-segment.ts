import type { Annotation, RecordInfo } from '$api/contract';
import type { AnnotationUndoStack } from './undo-stack';

/** MIT's comment annotation (`"`): the note says what the explainer found. */
const COMMENT_LABEL = '"';

/** A salient segment as the explain panel lists it, in the record's seconds. */
export interface AcceptedSegment {
  fromSec: number;
  toSec: number;
  /** The lead it lies on; null for every lead. */
  channel: number | null;
  method: string;
  rank: number;
  score: number;
  /** The label to give it; MIT's comment label when absent. */
  label?: string;
}

/**
 * Accepts a salient segment as an annotation of the record: source 'explainer', authored by the
 * analyst, and undoable with Ctrl+Z like any other edit made in the record view (pass the view's
 * stack, from `useAnnotationEdits()`). Resolves with the stored annotation.
 */
export function acceptSalientSegment(
  edits: AnnotationUndoStack,
  record: Pick<RecordInfo, 'frameRateHz' | 'sampleCount'>,
  segment: AcceptedSegment,
): Promise<Annotation> {
  const toSample = (seconds: number): number =>
    Math.min(record.sampleCount, Math.max(0, Math.round(seconds * record.frameRateHz)));
  const sample = Math.min(toSample(segment.fromSec), record.sampleCount - 1);
  return edits.create({
    sample,
    endSample: Math.max(sample + 1, toSample(segment.toSec)),
    channel: segment.channel,
    label: segment.label ?? COMMENT_LABEL,
    note: `Salient segment #${segment.rank} of ${segment.method}, score ${segment.score.toFixed(2)}`,
    source: 'explainer',
  });
}
