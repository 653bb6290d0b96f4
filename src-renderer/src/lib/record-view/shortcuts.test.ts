import { describe, expect, it } from 'vitest';
import { annotationShortcuts } from '../annotations/annotation-shortcuts';
import { actionFor, chordOf, keyName, printedKeys, type KeyPress, type ShortcutGroup } from '../keyboard';
import { annotationEdgeKeys, caliperTipKeys, focusedControlKeys, overviewKeys } from './focused-keys';
import { ecgShortcuts, ecgShortcutSheet, icuShortcuts } from './shortcuts';

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return { key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...extra };
}

function chords(groups: readonly ShortcutGroup[]): string[] {
  return groups.flatMap(({ shortcuts }) => shortcuts.flatMap((s) => s.keys));
}

describe('key chords', () => {
  it('name Shift only beside a named key or another modifier, and Cmd as Ctrl', () => {
    expect(chordOf(press('ArrowLeft', { shiftKey: true }))).toBe('Shift+ArrowLeft');
    expect(chordOf(press('?', { shiftKey: true }))).toBe('?');
    expect(chordOf(press('z', { ctrlKey: true }))).toBe('Ctrl+Z');
    expect(chordOf(press('Z', { metaKey: true, shiftKey: true }))).toBe('Ctrl+Shift+Z');
    expect(chordOf(press('ArrowLeft', { altKey: true }))).toBe('Alt+ArrowLeft');
  });

  it('are printed as keyboards print them', () => {
    expect(keyName('ArrowLeft')).toBe('←');
    expect(keyName('Shift+ArrowRight')).toBe('Shift+→');
    expect(keyName('PageDown')).toBe('PgDn');
    expect(keyName('+')).toBe('+');
    expect(printedKeys(['1', '2', '3', '4', '5', '6', '7', '8', '9'])).toEqual(['1–9']);
    expect(printedKeys(['Delete', 'Backspace'])).toEqual(['Del', '⌫']);
  });
});

describe('the shortcut tables', () => {
  it('bind each chord to one action within a table', () => {
    for (const table of [ecgShortcuts, annotationShortcuts, icuShortcuts, ...focusedControlKeys.map((g) => [g])]) {
      const all = chords(table);
      expect(new Set(all).size, all.join(' ')).toBe(all.length);
    }
  });

  it('find the action of a key press from the table the sheet prints', () => {
    expect(actionFor(ecgShortcuts, press('PageDown'))).toBe('page-forward');
    expect(actionFor(ecgShortcuts, press('ArrowRight', { shiftKey: true }))).toBe('pan-forward-half');
    expect(actionFor(ecgShortcuts, press('+', { shiftKey: true }))).toBe('zoom-in');
    expect(actionFor(ecgShortcuts, press('?', { shiftKey: true }))).toBe('shortcuts');
    expect(actionFor(annotationShortcuts, press('y', { ctrlKey: true }))).toBe('redo');
    expect(actionFor(annotationShortcuts, press('7'))).toBe('quick-label');
  });

  it('leave keys with Ctrl, Alt or Cmd the tables do not name to the browser', () => {
    expect(actionFor(ecgShortcuts, press('ArrowLeft', { altKey: true }))).toBeNull();
    expect(actionFor(ecgShortcuts, press('+', { ctrlKey: true }))).toBeNull();
    expect(actionFor(ecgShortcutSheet, press('x'))).toBeNull();
  });

  it("put every table of the record view on its sheet, a focused control's keys included", () => {
    expect(chords(ecgShortcutSheet).sort()).toEqual(
      [...chords(ecgShortcuts), ...chords(annotationShortcuts), ...chords(focusedControlKeys)].sort(),
    );
  });

  it("tell a focused control's keys apart, Shift for the larger step included", () => {
    expect(actionFor([overviewKeys], press('PageUp'))).toBe('overview-back');
    expect(actionFor([overviewKeys], press('ArrowRight'))).toBe('overview-forward');
    expect(actionFor([caliperTipKeys], press('ArrowUp', { shiftKey: true }))).toBe('tip-up');
    expect(actionFor([caliperTipKeys], press('ArrowLeft', { ctrlKey: true }))).toBeNull();
    expect(actionFor([annotationEdgeKeys], press('ArrowRight', { shiftKey: true }))).toBe('edge-later');
    expect(actionFor([annotationEdgeKeys], press('ArrowUp'))).toBeNull();
  });
});
