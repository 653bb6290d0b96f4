import { describe, expect, it } from 'vitest';
import { acceptSalientSegment } from './accept-segment';
import { FakeStudy } from './test-study';
import { AnnotationUndoStack } from './undo-stack';

const record = { frameRateHz: 360, sampleCount: 3600 };

describe('accepting a salient segment', () => {
  it('adds it as an explainer annotation with a note saying what found it, undoable', async () => {
    const study = new FakeStudy();
    const stack = new AnnotationUndoStack(study, 1);
    const accepted = await acceptSalientSegment(stack, record, {
      fromSec: 2.5,
      toSec: 2.75,
      channel: 1,
      method: 'integrated-gradients',
      rank: 2,
      score: 12.345,
    });
    expect(accepted).toMatchObject({
      sample: 900,
      endSample: 990,
      channel: 1,
      symbol: '"',
      aux: 'Salient segment #2 of integrated-gradients, score 12.35',
      source: 'explainer',
    });
    await stack.undo();
    expect(study.live()).toEqual([]);
  });

  it('keeps the segment inside the record, at least one sample long, with the label asked for', async () => {
    const study = new FakeStudy();
    const stack = new AnnotationUndoStack(study, 1);
    const accepted = await acceptSalientSegment(stack, record, {
      fromSec: 10,
      toSec: 11,
      channel: null,
      method: 'occlusion',
      rank: 1,
      score: 1,
      label: 'V',
    });
    expect(accepted).toMatchObject({ sample: 3599, endSample: 3600, symbol: 'V' });
  });
});
