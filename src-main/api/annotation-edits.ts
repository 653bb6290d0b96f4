import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import {
  addAnnotationLabel,
  createAnnotation,
  deleteAnnotation,
  listAnnotationLabels,
  restoreAnnotation,
  updateAnnotation,
} from '../store';
import { mitCode, mitLabels } from './annotation-labels';
import { MAX_LABEL_CHARS, MAX_NOTE_CHARS, type AnnotationLabel, type Api } from './contract';

type AnnotationEditCalls = Pick<
  Api,
  | 'createAnnotation'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'restoreAnnotation'
  | 'listAnnotationLabels'
  | 'addAnnotationLabel'
>;

/** The annotation editor's calls; `actor` authors and audits every change. */
export function annotationEditCalls(db: Database.Database, actor: string): AnnotationEditCalls {
  return {
    createAnnotation: ({ recordId, sample, endSample, channel, label, note, source }) =>
      Promise.resolve(
        createAnnotation(
          db,
          recordId,
          { sample, endSample, channel, ...labelled(db, label), aux: noteText(note ?? null) },
          { actor, source: source ?? 'analyst' },
        ),
      ),
    updateAnnotation: ({ annotationId, label, note, ...placement }) =>
      Promise.resolve(
        updateAnnotation(
          db,
          annotationId,
          {
            ...placement,
            ...(label === undefined ? {} : labelled(db, label)),
            ...(note === undefined ? {} : { aux: noteText(note) }),
          },
          actor,
        ),
      ),
    deleteAnnotation: ({ annotationId }) => Promise.resolve(deleteAnnotation(db, annotationId, actor)),
    restoreAnnotation: ({ annotationId }) => Promise.resolve(restoreAnnotation(db, annotationId, actor)),
    listAnnotationLabels: () =>
      Promise.resolve({
        labels: labelList(db),
        limits: { labelChars: MAX_LABEL_CHARS, noteChars: MAX_NOTE_CHARS },
      }),
    addAnnotationLabel: ({ label, description }) => {
      if (isMitLabel(label)) throw new AppError('invalid-request', `'${label}' is an MIT label already`);
      const added = addAnnotationLabel(db, { label, description: description ?? '' }, actor);
      return Promise.resolve(studyLabel(added));
    },
  };
}

function labelList(db: Database.Database): AnnotationLabel[] {
  return [...mitLabels, ...listAnnotationLabels(db).map(studyLabel)];
}

function studyLabel({ label, description }: { label: string; description: string }): AnnotationLabel {
  return { label, description, kind: 'study', code: null };
}

function isMitLabel(label: string): boolean {
  return mitCode(label) !== null || mitLabels.some((known) => known.label === label);
}

/** A label from the list (an MIT mnemonic or rhythm, or the study's own) as stored: its symbol and MIT code. */
function labelled(db: Database.Database, label: string): { symbol: string; code: number | null } {
  if (!isMitLabel(label) && !listAnnotationLabels(db).some((own) => own.label === label)) {
    throw new AppError(
      'invalid-request',
      `label '${label}' is neither an MIT label nor one of the study's labels; add it to the study's labels first`,
    );
  }
  return { symbol: label, code: mitCode(label) };
}

function noteText(note: string | null): string | null {
  return note === null || note.trim() === '' ? null : note;
}
