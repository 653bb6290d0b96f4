import type { ShortcutGroup } from '../keyboard';

export type AnnotationAction =
  | 'annotate-mode'
  | 'quick-label'
  | 'cursor-back'
  | 'cursor-forward'
  | 'cursor-back-far'
  | 'cursor-forward-far'
  | 'mark-segment'
  | 'mark-instant'
  | 'delete'
  | 'undo'
  | 'redo'
  | 'annotation-list'
  | 'escape';

/** The annotation keys, which the editor handles before the record view's (Esc: the editor first). */
export const annotationShortcuts: readonly ShortcutGroup<AnnotationAction>[] = [
  {
    group: 'Annotate',
    shortcuts: [
      {
        action: 'annotate-mode',
        keys: ['a'],
        does: 'annotate mode on or off: drag on a lane to draw a segment, click to place one',
      },
      {
        action: 'quick-label',
        keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
        does: 'give the selected annotation a quick label (nothing selected: label new ones)',
      },
      { action: 'delete', keys: ['Delete', 'Backspace'], does: 'delete the selected annotation' },
      { action: 'undo', keys: ['Ctrl+Z'], does: 'undo the last annotation edit' },
      { action: 'redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], does: 'redo it' },
      {
        action: 'annotation-list',
        keys: ['t'],
        does: 'the annotation list: filter by label, author, source; jump to one',
      },
      { action: 'escape', keys: ['Escape'], does: 'stop drawing, then drop the selection, then leave annotate mode' },
    ],
  },
  {
    group: 'Annotate from the keyboard',
    shortcuts: [
      { action: 'cursor-back', keys: [','], does: 'the cursor 1 mm of paper back (it starts mid-window)' },
      { action: 'cursor-forward', keys: ['.'], does: 'the cursor 1 mm of paper forward' },
      { action: 'cursor-back-far', keys: ['<'], does: 'the cursor 5 mm back' },
      { action: 'cursor-forward-far', keys: ['>'], does: 'the cursor 5 mm forward' },
      {
        action: 'mark-segment',
        keys: ['m'],
        does: 'start a segment (all leads) at the cursor; again: end it there and add it with the current label',
      },
      { action: 'mark-instant', keys: ['i'], does: 'add an annotation at the cursor with the current label' },
    ],
  },
];
