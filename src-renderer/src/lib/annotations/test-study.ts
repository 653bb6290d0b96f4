import type { Annotation, AnnotationLabel, ApiParams, ApiResult } from '$api/contract';
import { EcgView } from '../record-view/ecg-view.svelte';
import { beatAt, TestReader, twoLeadRecord } from '../record-view/test-fixtures';
import { AnnotationEditor, type AnnotationLabelCalls } from './annotation-editor.svelte';
import { AnnotationUndoStack, type AnnotationEditCalls } from './undo-stack';

/** A few MIT labels, as the service lists them. */
const mitLabels: AnnotationLabel[] = [
  { label: 'N', description: 'Normal beat', kind: 'beat', code: 1 },
  { label: 'V', description: 'Premature ventricular contraction', kind: 'beat', code: 5 },
  { label: 'A', description: 'Atrial premature beat', kind: 'beat', code: 8 },
  { label: '~', description: 'Change in signal quality', kind: 'non-beat', code: 14 },
  { label: '(AFIB', description: 'Atrial fibrillation', kind: 'rhythm', code: null },
];

/**
 * The study's side of the annotation calls for tests, in memory: soft deletes, as the store does
 * them, and the label list with the study's own labels after the MIT ones.
 */
export class FakeStudy implements AnnotationEditCalls, AnnotationLabelCalls {
  readonly rows = new Map<number, Annotation & { deleted: boolean }>();
  readonly calls: string[] = [];
  failNext: string | null = null;
  private readonly ownLabels: AnnotationLabel[] = [];
  private nextId = 1;

  live(): Annotation[] {
    return [...this.rows.values()].filter((r) => !r.deleted).map(withoutFlag);
  }

  createAnnotation = (p: ApiParams<'createAnnotation'>): Promise<Annotation> =>
    this.answer(`create ${p.label}`, () => {
      const row = {
        id: this.nextId++,
        sample: p.sample,
        endSample: p.endSample,
        channel: p.channel,
        code: null,
        symbol: p.label,
        subtype: 0,
        aux: p.note ?? null,
        author: 'ana',
        source: p.source ?? 'analyst',
        createdAt: '',
        updatedAt: '',
        deleted: false,
      };
      this.rows.set(row.id, row);
      return row;
    });

  updateAnnotation = ({
    annotationId,
    label,
    note,
    ...placement
  }: ApiParams<'updateAnnotation'>): Promise<Annotation> =>
    this.answer(`update ${annotationId}`, () => {
      const row = this.row(annotationId, false);
      Object.assign(
        row,
        placement,
        label === undefined ? {} : { symbol: label },
        note === undefined ? {} : { aux: note },
      );
      return row;
    });

  deleteAnnotation = ({ annotationId }: ApiParams<'deleteAnnotation'>): Promise<Annotation> =>
    this.answer(`delete ${annotationId}`, () => Object.assign(this.row(annotationId, false), { deleted: true }));

  restoreAnnotation = ({ annotationId }: ApiParams<'restoreAnnotation'>): Promise<Annotation> =>
    this.answer(`restore ${annotationId}`, () => Object.assign(this.row(annotationId, true), { deleted: false }));

  listAnnotationLabels = (): Promise<ApiResult<'listAnnotationLabels'>> =>
    Promise.resolve({ labels: [...mitLabels, ...this.ownLabels], limits: { labelChars: 40, noteChars: 2000 } });

  addAnnotationLabel = ({ label, description }: ApiParams<'addAnnotationLabel'>): Promise<AnnotationLabel> => {
    const added = { label, description: description ?? '', kind: 'study' as const, code: null };
    this.ownLabels.push(added);
    return Promise.resolve(added);
  };

  private row(id: number, deleted: boolean): Annotation & { deleted: boolean } {
    const row = this.rows.get(id);
    if (row === undefined || row.deleted !== deleted)
      throw new Error(`annotation ${id} is not ${deleted ? 'deleted' : 'live'}`);
    return row;
  }

  /** Answers a task later, as a transport would, with a copy (the caller must not share the row). */
  private async answer(call: string, act: () => Annotation & { deleted: boolean }): Promise<Annotation> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.calls.push(call);
    if (this.failNext !== null) {
      const message = this.failNext;
      this.failNext = null;
      throw new Error(message);
    }
    return withoutFlag(act());
  }
}

function withoutFlag(row: Annotation & { deleted: boolean }): Annotation {
  const copy: Partial<typeof row> = { ...row };
  delete copy.deleted;
  return copy as Annotation;
}

/**
 * An editor on the record view's test record, imported N beats at 1 s and 5 s: 1000 × 620 px
 * lanes at 4 px/mm and 25 mm/s, so 100 px a second, MLII's lane from y 20 to 320, V5's below.
 */
export async function openTestEditor(): Promise<{ editor: AnnotationEditor; view: EcgView; study: FakeStudy }> {
  const reader = new TestReader();
  reader.annotations = [beatAt(1, 'N'), beatAt(5, 'N')];
  const view = new EcgView(reader, twoLeadRecord, { recordId: twoLeadRecord.id }, 4);
  view.resize(1000, 620);
  view.frameDrawn(true);
  await reader.release();
  const study = new FakeStudy();
  const editor = new AnnotationEditor(view, study, new AnnotationUndoStack(study, twoLeadRecord.id));
  editor.connect();
  return { editor, view, study };
}
