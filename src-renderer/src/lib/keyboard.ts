/**
 * Whether a key press belongs to something else: a field being typed in, or a dialog, whose
 * keys (Esc, Tab, arrows in a list) must not move the record underneath.
 */
export function keyBelongsElsewhere(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof Element)) return false;
  if (target.closest('dialog') !== null) return true;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * A key press as the shortcut tables write it: 'g', '?', 'Shift+ArrowLeft', 'Ctrl+Z'. Shift is
 * named only beside a named key or another modifier: in '?', '+' or '<' it is part of the character.
 * Cmd counts as Ctrl, so that the Mac keys are the ones Mac users expect.
 */
export function chordOf(press: KeyPress): string {
  const ctrl = press.ctrlKey || press.metaKey;
  const named = press.key.length > 1;
  const key = (ctrl || press.altKey) && !named ? press.key.toUpperCase() : press.key;
  const shift = press.shiftKey && (named || ctrl || press.altKey);
  return [ctrl ? 'Ctrl' : '', press.altKey ? 'Alt' : '', shift ? 'Shift' : '', key].filter((p) => p !== '').join('+');
}

/** One line of a shortcuts sheet: the chords (as `chordOf` writes them) that do one action. */
export interface Shortcut<A extends string = string> {
  action: A;
  keys: readonly string[];
  does: string;
}

export interface ShortcutGroup<A extends string = string> {
  group: string;
  shortcuts: readonly Shortcut<A>[];
}

/**
 * What a key press does according to a table: the one the sheet prints, so that the sheet and
 * the handlers cannot say different things. Null for a key the table does not bind.
 */
export function actionFor<A extends string>(groups: readonly ShortcutGroup<A>[], press: KeyPress): A | null {
  const chord = chordOf(press);
  for (const { shortcuts } of groups) {
    for (const shortcut of shortcuts) if (shortcut.keys.includes(chord)) return shortcut.action;
  }
  return null;
}

/**
 * A handler per action of a table (the type makes a missing one an error); a handler that
 * returns false did not apply (Delete with nothing selected) and leaves the key to others.
 */
export type ShortcutHandlers<A extends string> = Record<A, (press: KeyPress) => unknown>;

/** Runs the action a key press is bound to; true when one ran and applied. */
export function runShortcut<A extends string>(
  groups: readonly ShortcutGroup<A>[],
  handlers: ShortcutHandlers<A>,
  press: KeyPress,
): boolean {
  const action = actionFor(groups, press);
  return action !== null && handlers[action](press) !== false;
}

const printedNames: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
  Escape: 'Esc',
  Delete: 'Del',
  Backspace: '⌫',
};

/** How a chord is printed on the sheet: 'Shift+←', 'Ctrl+Z', 'PgDn'. */
export function keyName(chord: string): string {
  return chord
    .split(/\+(?=.)/)
    .map((part) => printedNames[part] ?? part)
    .join('+');
}

/** The chords of a line as the sheet prints them, with a run of the digits 1 to 9 as one '1–9'. */
export function printedKeys(keys: readonly string[]): string[] {
  const digits = keys.filter((k) => /^[1-9]$/.test(k));
  if (digits.length < 9) return keys.map(keyName);
  return ['1–9', ...keys.filter((k) => !digits.includes(k)).map(keyName)];
}
