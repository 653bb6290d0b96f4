/** The shortcuts sheet (`?`): what each key does, in the order an analyst learns them. */
export interface Shortcut {
  /** Key names as `KeyboardEvent.key` gives them. */
  keys: readonly string[];
  does: string;
}

export interface ShortcutGroup {
  group: string;
  shortcuts: readonly Shortcut[];
}

export const ecgShortcuts: readonly ShortcutGroup[] = [
  {
    group: 'Move',
    shortcuts: [
      { keys: ['ArrowLeft', 'ArrowRight'], does: 'a tenth of a window back or forward (Shift: half)' },
      { keys: ['PageUp', 'PageDown'], does: 'a whole window back or forward' },
      { keys: ['Home', 'End'], does: 'the start or the end of the record' },
      { keys: ['g'], does: 'go to a time (h:mm:ss)' },
    ],
  },
  {
    group: 'Zoom',
    shortcuts: [
      { keys: ['+', '-'], does: 'double or halve the paper speed (wheel or pinch: around the pointer)' },
      { keys: ['0'], does: 'back to 25 mm/s' },
      { keys: ['w'], does: 'the whole record' },
    ],
  },
  {
    group: 'Annotations and calipers',
    shortcuts: [
      { keys: ['n', 'p'], does: 'next or previous annotation of the chosen label' },
      { keys: ['c'], does: 'calipers on or off: click twice on a lane to place them' },
      { keys: ['Escape'], does: 'leave caliper mode, then clear the calipers' },
    ],
  },
  {
    group: 'Annotate',
    shortcuts: [
      { keys: ['a'], does: 'annotate mode on or off: drag on a lane to draw a segment, click to place one' },
      { keys: ['1', '…', '9'], does: 'give the selected annotation a quick label (nothing selected: label new ones)' },
      { keys: ['Delete'], does: 'delete the selected annotation' },
      { keys: ['Ctrl+Z'], does: 'undo the last annotation edit' },
      { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], does: 'redo it' },
      { keys: ['t'], does: 'the annotation list: filter by label, author, source; jump to one' },
      { keys: ['Escape'], does: 'stop drawing, then drop the selection, then leave annotate mode' },
    ],
  },
  {
    group: 'Layout',
    shortcuts: [
      { keys: ['l'], does: 'choose and order the leads' },
      { keys: ['e'], does: 'the explain panel: run explainers, show their saliency, compare them' },
      { keys: ['?'], does: 'this sheet' },
    ],
  },
];

export const icuShortcuts: readonly ShortcutGroup[] = [
  {
    group: 'ICU stay',
    shortcuts: [
      { keys: ['h'], does: 'stacked lanes or the feature × hour heatmap' },
      { keys: ['?'], does: 'this sheet' },
    ],
  },
];

/** How a key is written on the sheet. */
export function keyName(key: string): string {
  const names: Record<string, string> = {
    ArrowLeft: '←',
    ArrowRight: '→',
    PageUp: 'PgUp',
    PageDown: 'PgDn',
    Escape: 'Esc',
    Delete: 'Del',
  };
  return names[key] ?? key;
}
