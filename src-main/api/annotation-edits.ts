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
          { sample, endSample, channel, ...labelled(label), aux: noteText(note ?? null) },
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
            ...(label === undefined ? {} : labelled(label)),
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

/**
 * A label as stored: its symbol, and its MIT code when it is a standard mnemonic. Any label is
 * taken (the editor offers the list; an undo may put back an imported file's own label).
 */
function labelled(label: string): { symbol: string; code: number | null } {
  return { symbol: label, code: mitCode(label) };
}

function noteText(note: string | null): string | null {
  return note === null || note.trim() === '' ? null : note;
}
