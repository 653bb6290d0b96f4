import { describe, expect, it, vi } from 'vitest';
import { RULER_HEIGHT_PX } from '../record-view/lanes';
import { RATE } from '../record-view/test-fixtures';
import { openTestEditor as openEditor } from './test-study';

/** A key press as the window hears it. */
function key(k: string, modifiers: { ctrlKey?: boolean; shiftKey?: boolean } = {}) {
  return { key: k, ctrlKey: false, shiftKey: false, metaKey: false, altKey: false, ...modifiers };
}

const onMlii = RULER_HEIGHT_PX + 150;

describe('AnnotationEditor', () => {
  it('draws a segment on the lane dragged across, labels it from a number key, undoes and redoes', async () => {
    const { editor, view, study } = await openEditor();
    expect(editor.keydown(key('a'))).toBe(true);
    await editor.loadLabels();
    editor.mark('start', 200, onMlii);
    editor.mark('move', 300, onMlii);
    expect(editor.draft).toMatchObject({ channel: 0, fromSec: 2, toSec: 3 });
    editor.mark('end', 400, onMlii);
    await vi.waitFor(() => expect(editor.selected).not.toBeNull());
    expect(study.live()).toEqual([
      expect.objectContaining({ sample: 2 * RATE, endSample: 4 * RATE, channel: 0, symbol: 'N' }),
    ]);
    expect(view.annotations?.items.map((a) => a.symbol)).toEqual(['N', 'N', 'N']);

    // Keys 1–9: the study's labels first (none here), then N, V, A, ~, (AFIB as the list offers them.
    expect(editor.quick).toEqual(['N', 'V', 'A', '~', '(AFIB']);
    expect(editor.keydown(key('2'))).toBe(true);
    await vi.waitFor(() => expect(editor.selected?.symbol).toBe('V'));
    expect(editor.nextUndo).toBe('relabel N → V');

    editor.keydown(key('z', { ctrlKey: true }));
    await vi.waitFor(() => expect(editor.selected?.symbol).toBe('N'));
    editor.keydown(key('Z', { ctrlKey: true, shiftKey: true }));
    await vi.waitFor(() => expect(editor.selected?.symbol).toBe('V'));
    expect(study.live()[0]?.symbol).toBe('V');
  });

  it('places an annotation for every lead on a click, and picks an existing one instead of drawing over it', async () => {
    const { editor, study } = await openEditor();
    editor.setAnnotating(true);
    editor.mark('start', 250, onMlii);
    editor.mark('end', 251, onMlii);
    await vi.waitFor(() => expect(study.live()).toHaveLength(1));
    expect(study.live()[0]).toMatchObject({ sample: 2.5 * RATE, endSample: null, channel: null });

    // The imported beat at 1 s, 3 px away: picked, nothing drawn.
    editor.mark('start', 103, onMlii);
    editor.mark('end', 160, onMlii);
    expect(editor.selected).toMatchObject({ sample: RATE, symbol: 'N', source: 'imported' });
    expect(study.calls).toEqual(['create N']);
  });

  it('chooses the label of new annotations from a number key when nothing is selected', async () => {
    const { editor, study } = await openEditor();
    editor.setAnnotating(true);
    await editor.loadLabels();
    editor.keydown(key('5'));
    expect(editor.template).toBe('(AFIB');
    editor.mark('start', 150, onMlii + 300);
    editor.mark('end', 700, onMlii + 300);
    await vi.waitFor(() => expect(study.live()).toHaveLength(1));
    expect(study.live()[0]).toMatchObject({ symbol: '(AFIB', channel: 1, sample: 1.5 * RATE, endSample: 7 * RATE });
    expect(editor.keydown(key('0'))).toBe(false);
  });

  it('moves an edge by dragging and by arrow nudges that undo together, within the record', async () => {
    const { editor, study } = await openEditor();
    await editor.create({ sample: 2 * RATE, endSample: 3 * RATE, channel: 0 });
    editor.dragEdge('end', 450);
    expect(editor.preview).toEqual({ sample: 2 * RATE, endSample: 4.5 * RATE });
    await editor.commitEdge();
    expect(study.live()[0]?.endSample).toBe(4.5 * RATE);

    // The start cannot pass the end: it stops one sample before it.
    editor.dragEdge('start', 900);
    expect(editor.preview).toEqual({ sample: 4.5 * RATE - 1, endSample: 4.5 * RATE });
    editor.preview = null;

    await editor.nudgeEdge('start', -10);
    await editor.nudgeEdge('start', -10);
    expect(study.live()[0]?.sample).toBe(2 * RATE - 20);
    await editor.undo();
    expect(study.live()[0]?.sample).toBe(2 * RATE);
    await editor.undo();
    expect(study.live()[0]?.endSample).toBe(3 * RATE);
  });

  it('deletes the selection with Delete and brings it back with Ctrl+Z, selected again', async () => {
    const { editor, view, study } = await openEditor();
    await editor.create({ sample: 2 * RATE, endSample: null, channel: null });
    const id = editor.selectedId;
    editor.keydown(key('Delete'));
    await vi.waitFor(() => expect(study.live()).toEqual([]));
    expect(editor.selected).toBeNull();
    expect(view.annotations?.items).toHaveLength(2);

    editor.keydown(key('z', { ctrlKey: true }));
    await vi.waitFor(() => expect(editor.selectedId).toBe(id));
    expect(view.annotations?.items).toHaveLength(3);
    expect(editor.notice).toBe('Undid: delete N');
    expect(editor.keydown(key('Delete', {}))).toBe(true);
  });

  it('steps back with Escape: the selection, then annotate mode, then lets the key go', async () => {
    const { editor } = await openEditor();
    editor.setAnnotating(true);
    editor.tap(100, onMlii);
    expect(editor.selected?.sample).toBe(RATE);
    expect(editor.keydown(key('Escape'))).toBe(true);
    expect(editor.selected).toBeNull();
    expect(editor.keydown(key('Escape'))).toBe(true);
    expect(editor.annotating).toBe(false);
    expect(editor.keydown(key('Escape'))).toBe(false);
    expect(editor.keydown(key('Delete'))).toBe(false);
  });

  it('annotates from the keyboard alone: a cursor moved by mm of paper, M to start and end, I for an instant', async () => {
    const { editor, view, study } = await openEditor();
    await editor.loadLabels();
    // The window shows 0–10 s; with no cursor yet, M starts at its middle.
    expect(editor.keydown(key('m'))).toBe(true);
    expect(editor.draft).toMatchObject({ channel: null, fromSec: 5, toSec: 5, fromX: null });
    for (let i = 0; i < 5; i++) editor.keydown(key('>'));
    expect(editor.draft?.toSec).toBeCloseTo(6, 9);
    editor.keydown(key(','));
    editor.keydown(key('.'));
    editor.keydown(key('m'));
    await vi.waitFor(() => expect(study.live()).toHaveLength(1));
    expect(editor.draft).toBeNull();
    expect(study.live()[0]).toMatchObject({ sample: 5 * RATE, endSample: 6 * RATE, channel: null, symbol: 'N' });
    editor.keydown(key('2'));
    await vi.waitFor(() => expect(study.live()[0]?.symbol).toBe('V'));

    // Past the window's end (10 s) the window centres on the cursor, at 10.2 s: it then shows 5.2–15.2 s.
    for (let i = 0; i < 25; i++) editor.keydown(key('>'));
    expect(view.cursorSec).toBeCloseTo(11, 9);
    expect(view.startSec).toBeCloseTo(5.2, 9);
    editor.select(null);
    editor.keydown(key('i'));
    await vi.waitFor(() => expect(study.live()).toHaveLength(2));
    expect(study.live()[1]).toMatchObject({ sample: 11 * RATE, endSample: null, channel: null, symbol: 'N' });

    // A pointer gesture does not end a segment started from the keyboard.
    editor.keydown(key('m'));
    editor.mark('move', 500, onMlii);
    editor.mark('end', 500, onMlii);
    expect(editor.draft).toMatchObject({ fromX: null });
    expect(editor.keydown(key('Escape'))).toBe(true);
    expect(editor.draft).toBeNull();
  });

  it('says why an edit failed, and keeps the annotation as it was', async () => {
    const { editor, study } = await openEditor();
    await editor.create({ sample: 2 * RATE, endSample: null, channel: null });
    study.failNext = 'note: too long';
    await editor.setNote('x');
    expect(editor.notice).toBe('Could not save the change: note: too long');
    expect(editor.selected?.aux).toBeNull();
  });
});
