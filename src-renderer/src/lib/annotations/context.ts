import { getContext, setContext } from 'svelte';
import type { AnnotationEditor } from './annotation-editor.svelte';
import type { AnnotationUndoStack } from './undo-stack';

const stackKey = Symbol('annotation-undo-stack');
const editorKey = Symbol('annotation-editor');

/**
 * One undo stack per record view, for everything inside it that edits annotations (the editor,
 * the explain panel accepting a segment), so that Ctrl+Z undoes their edits in the order made.
 */
export function provideAnnotationEdits(stack: AnnotationUndoStack): AnnotationUndoStack {
  return setContext(stackKey, stack);
}

export function useAnnotationEdits(): AnnotationUndoStack {
  return required(getContext<AnnotationUndoStack | undefined>(stackKey), 'useAnnotationEdits');
}

/** The ECG view's editor, for the lanes' drawing gestures and handles. */
export function provideAnnotationEditor(editor: AnnotationEditor): AnnotationEditor {
  return setContext(editorKey, editor);
}

export function useAnnotationEditor(): AnnotationEditor {
  return required(getContext<AnnotationEditor | undefined>(editorKey), 'useAnnotationEditor');
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name}() called outside a record view`);
  return value;
}
