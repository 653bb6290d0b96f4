import type { Annotation, Api, ApiParams } from '$api/contract';

/** The calls the stack makes: what the API client offers, or a test's fake. */
export type AnnotationEditCalls = Pick<
  Api,
  'createAnnotation' | 'updateAnnotation' | 'deleteAnnotation' | 'restoreAnnotation'
>;

/** What an annotation may be changed in; the label is its symbol and the note its aux text. */
export type AnnotationFields = Omit<ApiParams<'updateAnnotation'>, 'annotationId'>;
export type NewAnnotationFields = Omit<ApiParams<'createAnnotation'>, 'recordId'>;

/** What an edit (or its undo) did: an annotation is now as given, or it is gone. */
export type AnnotationChange = { kind: 'saved' | 'removed'; annotation: Annotation };

type Edit =
  | { kind: 'create' | 'delete'; id: number; what: string }
  | { kind: 'update'; id: number; what: string; before: AnnotationFields; after: AnnotationFields; mergeKey?: string };

/** An annotation's editable fields, as `updateAnnotation` takes them. */
export function fieldsOf(a: Annotation): Required<AnnotationFields> {
  return { sample: a.sample, endSample: a.endSample, channel: a.channel, label: a.symbol, note: a.aux };
}

/**
 * Every annotation edit of one record, undoable and redoable without limit (as LightWAVE's). Each
 * step is an API call, so the study and its audit trail follow: undoing a create deletes, undoing
 * a delete restores (the same annotation, deletions are soft), undoing an update puts the changed
 * fields back. Calls run one after another, in the order asked.
 */
export class AnnotationUndoStack {
  private readonly done: Edit[] = [];
  private readonly undone: Edit[] = [];
  private readonly listeners = new Set<(change: AnnotationChange) => void>();
  /** Each annotation as the stack's last call left it: what an edit queued behind another starts from. */
  private readonly latest = new Map<number, Annotation>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly api: AnnotationEditCalls,
    readonly recordId: number,
  ) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** "relabel V → A": what Ctrl+Z would undo, for a tooltip. */
  get nextUndo(): string | null {
    return this.done.at(-1)?.what ?? null;
  }

  get nextRedo(): string | null {
    return this.undone.at(-1)?.what ?? null;
  }

  /** Told of every change an edit, undo or redo makes, once the stack is in its new state; returns the unsubscribe. */
  onChange(listener: (change: AnnotationChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(fields: NewAnnotationFields): Promise<Annotation> {
    return this.run(async () => {
      const created = await this.api.createAnnotation({ ...fields, recordId: this.recordId });
      this.record({ kind: 'create', id: created.id, what: `add ${created.symbol}` });
      return this.saved(created);
    });
  }

  /**
   * Changes the fields given of `annotation` (as the caller last saw it; as the calls before this
   * one left it, when they touched it). Updates with the same `mergeKey` in a row (arrow-key
   * nudges of one edge) undo as one.
   */
  update(annotation: Annotation, changes: AnnotationFields, mergeKey?: string): Promise<Annotation> {
    return this.run(async () => {
      const current = this.latest.get(annotation.id) ?? annotation;
      const was = fieldsOf(current);
      const keys = (Object.keys(changes) as (keyof AnnotationFields)[]).filter((k) => changes[k] !== was[k]);
      if (keys.length === 0) return current;
      const after = pick(changes, keys);
      const updated = await this.api.updateAnnotation({ annotationId: current.id, ...after });
      const top = this.done.at(-1);
      if (mergeKey !== undefined && top?.kind === 'update' && top.id === current.id && top.mergeKey === mergeKey) {
        top.after = { ...top.after, ...after };
        this.undone.length = 0;
      } else {
        const what = keys.includes('label')
          ? `relabel ${current.symbol} → ${updated.symbol}`
          : `edit ${current.symbol}`;
        this.record({ kind: 'update', id: current.id, what, before: pick(was, keys), after, mergeKey });
      }
      return this.saved(updated);
    });
  }

  delete(current: Annotation): Promise<Annotation> {
    return this.run(async () => {
      const deleted = await this.api.deleteAnnotation({ annotationId: current.id });
      this.record({ kind: 'delete', id: current.id, what: `delete ${current.symbol}` });
      return this.removed(deleted);
    });
  }

  /** Undoes the last edit; resolves with what changed, or null when there was nothing to undo. */
  undo(): Promise<AnnotationChange | null> {
    return this.step(this.done, this.undone, 'backward');
  }

  redo(): Promise<AnnotationChange | null> {
    return this.step(this.undone, this.done, 'forward');
  }

  /** Applies the edit on top of `from` and moves it onto `to`; listeners hear of it once it has moved. */
  private step(from: Edit[], to: Edit[], direction: 'forward' | 'backward'): Promise<AnnotationChange | null> {
    return this.run(async () => {
      const edit = from.at(-1);
      if (edit === undefined) return null;
      const change = await this.apply(edit, direction);
      to.push(edit);
      from.pop();
      return this.notify(change);
    });
  }

  private async apply(edit: Edit, direction: 'forward' | 'backward'): Promise<AnnotationChange> {
    const annotationId = edit.id;
    if (edit.kind === 'update') {
      const fields = direction === 'forward' ? edit.after : edit.before;
      return { kind: 'saved', annotation: await this.api.updateAnnotation({ annotationId, ...fields }) };
    }
    // A create goes forward by restoring (the annotation was only marked deleted); a delete by deleting.
    const present = (edit.kind === 'create') === (direction === 'forward');
    return present
      ? { kind: 'saved', annotation: await this.api.restoreAnnotation({ annotationId }) }
      : { kind: 'removed', annotation: await this.api.deleteAnnotation({ annotationId }) };
  }

  private record(edit: Edit): void {
    this.done.push(edit);
    this.undone.length = 0;
  }

  private saved(annotation: Annotation): Annotation {
    return this.notify({ kind: 'saved', annotation }).annotation;
  }

  private removed(annotation: Annotation): Annotation {
    return this.notify({ kind: 'removed', annotation }).annotation;
  }

  private notify(change: AnnotationChange): AnnotationChange {
    this.latest.set(change.annotation.id, change.annotation);
    for (const listener of this.listeners) listener(change);
    return change;
  }

  /** Runs after every call asked before it; a failure fails this call only. */
  private run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function pick(from: AnnotationFields, keys: readonly (keyof AnnotationFields)[]): AnnotationFields {
  return Object.fromEntries(keys.map((key) => [key, from[key]]));
}
