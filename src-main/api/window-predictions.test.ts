import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictRecord } from '../models';
import { openBeatStudy, type BeatStudy } from './testing/beat-study';
import { predictWindows, storedPredictions } from './window-predictions';

const RATE = 360;
const HALF_WINDOW = 180;
let beats: BeatStudy;

beforeAll(async () => (beats = await openBeatStudy()));
afterAll(() => beats.close());

describe('predictWindows', () => {
  it("classifies windows centred on the record's beats as the generator labelled them", async () => {
    const { ecg, study, recordId } = beats;
    const centred = ecg.beats.filter((b) => b.rPeak >= HALF_WINDOW && b.rPeak + HALF_WINDOW <= ecg.sampleCount);
    const pvc = centred.find((b) => b.symbol === 'V');
    const normal = centred.find((b) => b.symbol === 'N');
    if (pvc === undefined || normal === undefined) throw new Error('the seeded record has no PVC or no normal beat');
    for (const [beat, label] of [
      [pvc, 2],
      [normal, 0],
    ] as const) {
      const { windowLength, windows } = await predictWindows(study.db, {
        recordId,
        modelId: 'ecg-beat-cnn',
        fromSec: (beat.rPeak - HALF_WINDOW) / RATE,
      });
      expect(windowLength).toBe(360);
      expect(windows).toHaveLength(1);
      expect(windows[0]).toMatchObject({ startSample: beat.rPeak - HALF_WINDOW, label });
      expect(windows[0]?.score).toBeGreaterThan(0.5);
    }
  });

  it('agrees window by window with the predictions `salience predict` stores', async () => {
    const { study, recordId } = beats;
    expect(storedPredictions(study.db, recordId, 'ecg-beat-cnn')).toEqual({
      windowLength: null,
      predictedAt: null,
      windows: [],
    });
    await predictRecord(study.db, 'ecg-beat-cnn', String(recordId), {
      actor: 'tester',
      fromSample: 0,
      toSample: 20 * RATE,
    });
    const stored = storedPredictions(study.db, recordId, 'ecg-beat-cnn');
    expect(stored.windowLength).toBe(360);
    expect(stored.windows.map((w) => w.startSample)).toEqual(Array.from({ length: 20 }, (_, i) => i * 360));
    const live = await predictWindows(study.db, { recordId, modelId: 'ecg-beat-cnn', fromSec: 0, toSec: 20 });
    expect(live.windows.map((w) => [w.startSample, w.label])).toEqual(
      stored.windows.map((w) => [w.startSample, w.label]),
    );
    live.windows.forEach((w, i) => expect(w.score).toBeCloseTo(stored.windows[i]?.score ?? NaN, 5));
  });

  it('refuses a model the study does not have', async () => {
    await expect(
      predictWindows(beats.study.db, { recordId: beats.recordId, modelId: 'nope', fromSec: 0 }),
    ).rejects.toThrow(/nope/);
  });
});
