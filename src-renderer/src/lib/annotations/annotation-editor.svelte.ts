import type { Annotation, AnnotationLabel, Api } from '$api/contract';
import type { EcgView } from '../record-view/ecg-view.svelte';
import { runShortcut, type KeyPress, type ShortcutHandlers } from '../keyboard';
import { laneAt } from '../record-view/lanes';
import { annotationSpan } from './annotation-text';
import { annotationShortcuts, type AnnotationAction } from './annotation-shortcuts';
import { quickLabelForKey, quickLabels } from './quick-labels';
import type { AnnotationChange, AnnotationFields, AnnotationUndoStack } from './undo-stack';

/** The label calls: what the API client offers, or a test's fake. */
export type AnnotationLabelCalls = Pick<Api, 'listAnnotationLabels' | 'addAnnotationLabel'>;

/** A press and release closer than this draws an annotation at one instant, not a segment. */
const MIN_SEGMENT_PX = 4;

/** A segment being drawn, in seconds: on the lane where the press began, or from the keyboard on every lead. */
export interface Draft {
  channel: number | null;
  fromSec: number;
  toSec: number;
  /** Where the press began; null for a segment started from the keyboard (key M), which follows the cursor. */
  fromX: number | null;
}

/** Which part of the selected annotation a handle moves: a segment's start or end, or an instant. */
export type Edge = 'start' | 'end' | 'at';

/**
 * The annotation editing of one record view: annotate mode (a drag on a lane draws, a click
 * places an instant), the selection and its label, note, lead and bounds, the quick labels on
 * keys 1–9, and undo/redo. Every change goes through the undo stack, and so through the API.
 */
export class AnnotationEditor {
  readonly stack: AnnotationUndoStack;
  private readonly view: EcgView;
  private readonly api: AnnotationLabelCalls;
  annotating = $state(false);
  listOpen = $state(false);
  selectedId: number | null = $state(null);
  labels = $state.raw<readonly AnnotationLabel[]>([]);
  limits = $state.raw<{ labelChars: number; noteChars: number } | null>(null);
  /** The label a new annotation gets; a number key with nothing selected chooses it. */
  template: string | null = $state(null);
  draft = $state.raw<Draft | null>(null);
  /** Where the selection would lie while one of its handles is dragged. */
  preview = $state.raw<{ sample: number; endSample: number | null } | null>(null);
  /** What the last edit, undo or redo did, or why it failed: read out to screen readers. */
  notice = $state('');
  /** What Ctrl+Z and Ctrl+Shift+Z would do ("add V"), null when nothing; they follow the stack. */
  nextUndo: string | null = $state(null);
  nextRedo: string | null = $state(null);

  readonly quick: string[] = $derived(quickLabels(this.labels));
  private labelsLoaded: Promise<void> | null = null;

  constructor(view: EcgView, api: AnnotationLabelCalls, stack: AnnotationUndoStack) {
    this.view = view;
    this.api = api;
    this.stack = stack;
  }

  /** The selected annotation as the view has it now (after any edit, undo or redo), or null. */
  get selected(): Annotation | null {
    return this.selectedId === null ? null : (this.view.annotations?.byId(this.selectedId) ?? null);
  }

  /** Follows the stack: the view's annotations, the selection, the buttons. Returns the unsubscribe. */
  connect(): () => void {
    return this.stack.onChange((change) => {
      this.view.applyAnnotationChange(change);
      if (change.kind === 'removed' && change.annotation.id === this.selectedId) this.selectedId = null;
      this.nextUndo = this.stack.nextUndo;
      this.nextRedo = this.stack.nextRedo;
    });
  }

  /** The label list, asked for once, when annotating first needs it. */
  loadLabels(force = false): Promise<void> {
    if (this.labelsLoaded !== null && !force) return this.labelsLoaded;
    this.labelsLoaded = this.api.listAnnotationLabels({}).then(
      ({ labels, limits }) => {
        this.labels = labels;
        this.limits = limits;
        this.template ??= this.quick[0] ?? null;
      },
      (failure: unknown) => this.fail('read the labels', failure),
    );
    return this.labelsLoaded;
  }

  setAnnotating(on: boolean): void {
    this.annotating = on;
    this.draft = null;
    if (on) void this.loadLabels();
  }

  select(annotation: Annotation | null): void {
    this.selectedId = annotation?.id ?? null;
    this.preview = null;
    if (annotation !== null) void this.loadLabels();
  }

  /** Selects an annotation and centres it in the window, as the finder does. */
  jumpTo(annotation: Annotation): void {
    this.select(annotation);
    const seconds = annotation.sample / this.view.record.frameRateHz;
    this.view.cursorSec = seconds;
    this.view.go({ kind: 'centre-on', seconds });
  }

  /** A click that did not pan: picks the annotation under it, or clears the selection. */
  tap(x: number, y: number): void {
    this.select(this.view.annotationAt(x, y));
  }

  /** Annotate mode's gesture: a press on an annotation picks it; elsewhere it starts drawing. */
  mark(phase: 'start' | 'move' | 'end' | 'cancel', x: number, y: number): void {
    if (phase === 'start') {
      const hit = this.view.annotationAt(x, y);
      const lane = laneAt(this.view.lanes, y);
      this.select(hit);
      const at = this.view.timeAt(x);
      this.draft = hit === null && lane !== null ? { channel: lane.channel, fromSec: at, toSec: at, fromX: x } : null;
      return;
    }
    const draft = this.draft;
    if (draft === null || draft.fromX === null) return;
    if (phase === 'move') {
      this.draft = { ...draft, toSec: this.view.timeAt(x) };
      return;
    }
    this.draft = null;
    if (phase === 'cancel') return;
    const instant = Math.abs(x - draft.fromX) < MIN_SEGMENT_PX;
    const [from, to] = [Math.min(draft.fromSec, this.view.timeAt(x)), Math.max(draft.fromSec, this.view.timeAt(x))];
    void this.create(
      instant
        ? { sample: this.startSample(from), endSample: null, channel: null }
        : { sample: this.startSample(from), endSample: this.endSample(to), channel: draft.channel },
    );
  }

  /** Moves the keyboard cursor by `mm` of paper; a segment started from the keyboard follows it. */
  moveCursor(mm: number): void {
    const at = this.view.moveCursor(mm);
    if (this.draft !== null && this.draft.fromX === null) this.draft = { ...this.draft, toSec: at };
  }

  /** Key M: starts a segment on every lead at the cursor, or ends the one started there and adds it. */
  markAtCursor(): void {
    const at = this.view.moveCursor(0);
    const draft = this.draft;
    if (draft === null || draft.fromX !== null) {
      this.draft = { channel: null, fromSec: at, toSec: at, fromX: null };
      void this.loadLabels();
      this.notice = `Segment starts at ${this.describeSec(at)}: move the cursor (, and .) and press M again`;
      return;
    }
    this.draft = null;
    const [from, to] = [Math.min(draft.fromSec, at), Math.max(draft.fromSec, at)];
    const endSample = this.endSample(to);
    void this.create({ sample: this.startSample(from), endSample, channel: null });
  }

  /** Key I: an annotation on every lead at the cursor. */
  placeAtCursor(): Promise<void> {
    return this.create({ sample: this.startSample(this.view.moveCursor(0)), endSample: null, channel: null });
  }

  /** Adds an annotation with the current label, and selects it. */
  async create(placement: { sample: number; endSample: number | null; channel: number | null }): Promise<void> {
    await this.loadLabels();
    const label = this.template ?? this.quick[0];
    if (label === undefined) return;
    const endSample =
      placement.endSample !== null && placement.endSample <= placement.sample ? null : placement.endSample;
    await this.edit(async () => {
      const created = await this.stack.create({ ...placement, endSample, label });
      this.select(created);
      this.notice = `Added ${label} at ${this.describe(created)}`;
    });
  }

  setLabel(label: string): Promise<void> {
    return this.change({ label });
  }

  /** An empty note is no note. */
  setNote(note: string): Promise<void> {
    return this.change({ note: note.trim() === '' ? null : note });
  }

  setChannel(channel: number | null): Promise<void> {
    return this.change({ channel });
  }

  /** Number key `key`: relabels the selection, or chooses the label new annotations get. */
  quickLabel(key: string): boolean {
    const label = quickLabelForKey(this.quick, key);
    if (label === null) return false;
    if (this.selected !== null) {
      void this.setLabel(label);
    } else {
      this.template = label;
      this.notice = `New annotations: ${label}`;
    }
    return true;
  }

  /** Drags a handle of the selection to pixel `x`; `commitEdge` saves where it ends. */
  dragEdge(edge: Edge, x: number): void {
    const current = this.selected;
    if (current === null) return;
    this.preview = this.moved(current, edge, this.startSample(this.view.timeAt(x)));
  }

  async commitEdge(): Promise<void> {
    const preview = this.preview;
    this.preview = null;
    if (preview !== null) await this.change(preview);
  }

  /** Moves a handle by `samples`; nudges of one handle in a row undo as one. */
  nudgeEdge(edge: Edge, samples: number): Promise<void> {
    const current = this.selected;
    if (current === null) return Promise.resolve();
    const from = edge === 'end' ? (current.endSample ?? current.sample) : current.sample;
    return this.change(this.moved(current, edge, from + samples), `nudge-${edge}`);
  }

  async deleteSelected(): Promise<void> {
    const current = this.selected;
    if (current === null) return;
    await this.edit(async () => {
      await this.stack.delete(current);
      this.notice = `Deleted ${current.symbol} at ${this.describe(current)}`;
    });
  }

  undo(): Promise<void> {
    const what = this.nextUndo;
    return this.edit(async () => this.show(await this.stack.undo(), `Undid: ${what ?? ''}`));
  }

  redo(): Promise<void> {
    const what = this.nextRedo;
    return this.edit(async () => this.show(await this.stack.redo(), `Redid: ${what ?? ''}`));
  }

  async addLabel(label: string, description: string): Promise<boolean> {
    try {
      const added = await this.api.addAnnotationLabel({ label, description });
      await this.loadLabels(true);
      this.notice = `Added the study label ${added.label}`;
      return true;
    } catch (failure) {
      this.fail('add the label', failure);
      return false;
    }
  }

  /** The annotation keys, as `annotationShortcuts` binds them. True when the key was one of them and applied. */
  keydown(press: KeyPress): boolean {
    return runShortcut(annotationShortcuts, this.keyHandlers, press);
  }

  private readonly keyHandlers: ShortcutHandlers<AnnotationAction> = {
    'annotate-mode': () => this.setAnnotating(!this.annotating),
    'quick-label': (press) => this.quickLabel(press.key),
    'cursor-back': () => this.moveCursor(-1),
    'cursor-forward': () => this.moveCursor(1),
    'cursor-back-far': () => this.moveCursor(-5),
    'cursor-forward-far': () => this.moveCursor(5),
    'mark-segment': () => this.markAtCursor(),
    'mark-instant': () => void this.placeAtCursor(),
    delete: () => {
      if (this.selected === null) return false;
      void this.deleteSelected();
    },
    undo: () => void this.undo(),
    redo: () => void this.redo(),
    'annotation-list': () => {
      this.listOpen = !this.listOpen;
    },
    escape: () => this.escape(),
  };

  /** Steps back one level: a drawing, then the selection, then annotate mode. */
  private escape(): boolean {
    if (this.draft !== null) this.draft = null;
    else if (this.selectedId !== null) this.select(null);
    else if (this.annotating) this.setAnnotating(false);
    else return false;
    return true;
  }

  private moved(current: Annotation, edge: Edge, to: number): { sample: number; endSample: number | null } {
    const { sample, endSample } = current;
    const last = this.view.record.sampleCount;
    if (edge === 'start') return { sample: clamp(to, 0, (endSample ?? last) - 1), endSample };
    if (edge === 'end') return { sample, endSample: clamp(to, sample + 1, last) };
    const length = endSample === null ? 0 : endSample - sample;
    const start = clamp(to, 0, last - Math.max(1, length));
    return { sample: start, endSample: endSample === null ? null : start + length };
  }

  private async change(changes: AnnotationFields, mergeKey?: string): Promise<void> {
    const current = this.selected;
    if (current === null) return;
    await this.edit(async () => {
      const updated = await this.stack.update(current, changes, mergeKey);
      this.notice = `${updated.symbol} at ${this.describe(updated)}${updated.aux === null ? '' : `: ${updated.aux}`}`;
    });
  }

  /** After an undo or redo: selects what it brought back (and shows it), or drops what it removed. */
  private show(change: AnnotationChange | null, notice: string): void {
    if (change === null) return;
    this.notice = notice;
    if (change.kind === 'removed') return;
    this.select(change.annotation);
    const seconds = change.annotation.sample / this.view.record.frameRateHz;
    if (seconds < this.view.startSec || seconds > this.view.startSec + this.view.windowSec) {
      this.view.go({ kind: 'centre-on', seconds });
    }
  }

  private async edit(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (failure) {
      this.fail('save the change', failure);
    }
  }

  private fail(doing: string, failure: unknown): void {
    this.notice = `Could not ${doing}: ${failure instanceof Error ? failure.message : String(failure)}`;
  }

  private describe(a: Annotation): string {
    return annotationSpan(a, this.view.record.frameRateHz);
  }

  private describeSec(seconds: number): string {
    return annotationSpan({ sample: this.startSample(seconds), endSample: null }, this.view.record.frameRateHz);
  }

  private startSample(seconds: number): number {
    return clamp(Math.round(seconds * this.view.record.frameRateHz), 0, this.view.record.sampleCount - 1);
  }

  private endSample(seconds: number): number {
    return clamp(Math.round(seconds * this.view.record.frameRateHz), 1, this.view.record.sampleCount);
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
