import { describe, expect, it } from 'vitest';
import { FakeStudy } from './test-study';
import { AnnotationUndoStack, type AnnotationChange } from './undo-stack';

const segment = { sample: 360, endSample: 720, channel: 0, label: 'V' };

function setUp(): { study: FakeStudy; stack: AnnotationUndoStack; changes: AnnotationChange[] } {
  const study = new FakeStudy();
  const stack = new AnnotationUndoStack(study, 7);
  const changes: AnnotationChange[] = [];
  stack.onChange((change) => changes.push(change));
  return { study, stack, changes };
}

describe('AnnotationUndoStack', () => {
  it('undoes a create by deleting and redoes it by restoring the same annotation', async () => {
    const { study, stack, changes } = setUp();
    const created = await stack.create(segment);
    expect(study.live()).toEqual([created]);
    expect(stack.nextUndo).toBe('add V');

    await stack.undo();
    expect(study.live()).toEqual([]);
    expect(stack.canUndo).toBe(false);
    expect(stack.canRedo).toBe(true);
    await stack.redo();
    expect(study.live()).toEqual([created]);
    expect(study.calls).toEqual(['create V', 'delete 1', 'restore 1']);
    expect(changes.map((c) => [c.kind, c.annotation.id])).toEqual([
      ['saved', 1],
      ['removed', 1],
      ['saved', 1],
    ]);
  });

  it('undoes an update by putting back the fields it changed, and only those', async () => {
    const { study, stack } = setUp();
    const created = await stack.create({ ...segment, note: 'wide' });
    const relabelled = await stack.update(created, { label: 'A', note: 'wide' });
    expect(stack.nextUndo).toBe('relabel V → A');
    await stack.update(relabelled, { endSample: 900 });

    await stack.undo();
    expect(study.live()[0]).toMatchObject({ symbol: 'A', endSample: 720, aux: 'wide' });
    await stack.undo();
    expect(study.live()[0]).toMatchObject({ symbol: 'V', endSample: 720, aux: 'wide' });
    await stack.redo();
    await stack.redo();
    expect(study.live()[0]).toMatchObject({ symbol: 'A', endSample: 900 });
    expect(study.calls.filter((c) => c.startsWith('update'))).toHaveLength(6);
  });

  it('undoes a delete by restoring', async () => {
    const { study, stack } = setUp();
    const created = await stack.create(segment);
    await stack.delete(created);
    expect(study.live()).toEqual([]);
    const change = await stack.undo();
    expect(change).toEqual({ kind: 'saved', annotation: created });
    expect(study.live()).toEqual([created]);
  });

  it('forgets what was undone once a new edit is made', async () => {
    const { stack } = setUp();
    const created = await stack.create(segment);
    const moved = await stack.update(created, { sample: 400 });
    await stack.undo();
    expect(stack.canRedo).toBe(true);
    await stack.update(moved, { label: 'F' });
    expect(stack.canRedo).toBe(false);
    expect(await stack.redo()).toBeNull();
  });

  it('undoes nudges of one edge in a row as one edit', async () => {
    const { study, stack } = setUp();
    let current = await stack.create(segment);
    for (const end of [730, 740, 750]) current = await stack.update(current, { endSample: end }, 'end');
    await stack.update(current, { sample: 300 }, 'start');
    await stack.undo();
    expect(study.live()[0]).toMatchObject({ sample: 360, endSample: 750 });
    await stack.undo();
    expect(study.live()[0]).toMatchObject({ sample: 360, endSample: 720 });
    await stack.undo();
    expect(study.live()).toEqual([]);
  });

  it('runs calls in the order asked, even when not awaited', async () => {
    const { study, stack } = setUp();
    const created = stack.create(segment);
    const undone = stack.undo();
    const redone = stack.redo();
    await Promise.all([created, undone, redone]);
    expect(study.calls).toEqual(['create V', 'delete 1', 'restore 1']);
  });

  it('records nothing when a call fails, and goes on with the next', async () => {
    const { study, stack } = setUp();
    const created = await stack.create(segment);
    study.failNext = 'endSample 999999 must be at most 650000';
    await expect(stack.update(created, { endSample: 999_999 })).rejects.toThrow('must be at most 650000');
    expect(stack.nextUndo).toBe('add V');
    await stack.undo();
    expect(study.live()).toEqual([]);
  });

  it('sends nothing for a change to nothing', async () => {
    const { study, stack } = setUp();
    const created = await stack.create(segment);
    expect(await stack.update(created, { label: 'V', sample: 360 })).toBe(created);
    expect(study.calls).toEqual(['create V']);
  });
});

describe('edits queued behind one another', () => {
  it('start from what the calls before them left, so that each undoes to the one before', async () => {
    const { study, stack } = setUp();
    const created = await stack.create(segment);
    // Two quick relabels, the second asked before the first is answered: both see `created`.
    const first = stack.update(created, { label: 'A' });
    const second = stack.update(created, { label: 'F' });
    await Promise.all([first, second]);
    await stack.undo();
    expect(study.live()[0]?.symbol).toBe('A');
    await stack.undo();
    expect(study.live()[0]?.symbol).toBe('V');
  });
});
