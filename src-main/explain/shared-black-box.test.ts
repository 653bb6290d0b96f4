import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBeatStudy, type BeatStudy } from '../api/testing/beat-study';
import { releaseSessions, TrainingStep } from '../engine';
import { loadRegisteredModel } from '../models';
import { readExplanation } from '../store';
import { explainRecordWindows } from './record-explanation';
import { forgetSharedBlackBoxes, sharedBlackBox } from './shared-black-box';

let beats: BeatStudy;
beforeAll(async () => (beats = await openBeatStudy()));
afterAll(() => beats.close());

/** ContraLSP over three 1-second windows of the record, the stored maps concatenated. */
async function explainThree(seed: number): Promise<number[]> {
  const { explanationIds } = await explainRecordWindows(beats.study.db, {
    modelId: 'ecg-beat-cnn',
    record: String(beats.recordId),
    method: 'contralsp',
    params: { epochs: 4 },
    seed,
    fromSample: 360,
    toSample: 4 * 360,
    actor: 'tester',
  });
  expect(explanationIds).toHaveLength(3);
  return explanationIds.flatMap((id) => Array.from(readExplanation(beats.study.db, id)?.saliency ?? []));
}

describe('sharedBlackBox', () => {
  it('is one object per model content while the sessions last', async () => {
    const load = () => sharedBlackBox(loadRegisteredModel(beats.study.db, 'ecg-beat-cnn'));
    const box = load();
    expect(load()).toBe(box);
    await releaseSessions();
    const afterRelease = load();
    expect(afterRelease).not.toBe(box);
    forgetSharedBlackBoxes();
    expect(load()).not.toBe(afterRelease);
  });

  it('lets a second app request reuse the compiled graph, with the results of a cold one seed by seed', async () => {
    const compiles = vi.spyOn(TrainingStep, 'compile');
    try {
      forgetSharedBlackBoxes();
      const cold = await explainThree(7);
      expect(compiles).toHaveBeenCalledTimes(1);
      const warm = await explainThree(7);
      expect(compiles).toHaveBeenCalledTimes(1);
      expect(warm).toEqual(cold);
      const otherWarm = await explainThree(8);
      forgetSharedBlackBoxes();
      const otherCold = await explainThree(8);
      expect(compiles).toHaveBeenCalledTimes(2);
      expect(otherWarm).toEqual(otherCold);
      expect(otherWarm).not.toEqual(warm);
    } finally {
      compiles.mockRestore();
    }
  }, 120_000);
});
