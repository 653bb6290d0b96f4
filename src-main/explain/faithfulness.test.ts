import { afterAll, describe, expect, it } from 'vitest';
import { releaseSessions, tensor } from '../engine';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '../datasets/ecg-synth/random';
import { forward, type BlackBox } from './black-box';
import { windowFaithfulness } from './faithfulness';
import { firstRows, golden, goldenBox } from './testing/golden';

afterAll(() => releaseSessions());

describe('windowFaithfulness', () => {
  it('gives each window the area under its deletion curve, computed here entry by entry', async () => {
    const box = goldenBox('mlp_tanh_sigmoid');
    const x = firstRows(golden.x, 2);
    const entries = 15;
    // A map that ranks entry i above entry j when i > j.
    const saliency = tensor(
      'float32',
      x.shape,
      Float32Array.from({ length: 2 * entries }, (_, i) => i % entries),
    );
    const [window] = (await windowFaithfulness(box, x, saliency, [1, 0], 3)) ?? [];

    // Deletion by hand for window 0, target 1: zero the k highest-ranked entries, k = round(15·f).
    const fractions = Array.from({ length: 11 }, (_, j) => j / 10);
    const scores: number[] = [];
    const points: number[] = [];
    for (const f of fractions) {
      const k = Math.round(entries * f);
      const row = Float32Array.from((x.data as Float32Array).subarray(0, entries), (v, i) =>
        i >= entries - k ? 0 : v,
      );
      const y = await forward(box, tensor('float32', [1, 5, 3], row));
      scores.push((y.data as Float32Array)[1] ?? NaN);
      points.push(k / entries);
    }
    let area = 0;
    for (let i = 1; i < points.length; i++) {
      area += (((points[i] ?? 0) - (points[i - 1] ?? 0)) * ((scores[i] ?? 0) + (scores[i - 1] ?? 0))) / 2;
    }
    expect(window?.deletionAuc).toBeCloseTo(area, 6);
    for (const value of Object.values(window ?? {})) expect(value).toBeGreaterThanOrEqual(0);
    expect(window?.randomDeletionAuc).not.toBeCloseTo(area, 6);
  });

  it("follows a binary-risk model's risk (the sigmoid of its one logit), not a softmax over one column", async () => {
    const box: BlackBox = {
      name: 'icu-mortality-gru',
      onnx: readFileSync(fileURLToPath(new URL('../../models/icu-mortality-gru.onnx', import.meta.url))),
      output: 'logits',
    };
    const random = new SeededRandom(5);
    const x = tensor(
      'float32',
      [2, 48, 31],
      Float32Array.from({ length: 2 * 48 * 31 }, () => random.gaussian()),
    );
    const saliency = tensor(
      'float32',
      x.shape,
      Float32Array.from({ length: 2 * 48 * 31 }, () => random.uniform()),
    );
    const windows = (await windowFaithfulness(box, x, saliency, [0, 0], 1)) ?? [];
    expect(windows).toHaveLength(2);
    // Softmax over the one column would be 1 at every point, so every area would be 1.
    for (const w of windows) {
      for (const auc of Object.values(w)) {
        expect(auc).toBeGreaterThan(0);
        expect(auc).toBeLessThan(1);
      }
      expect(w.deletionAuc).not.toBeCloseTo(w.insertionAuc, 6);
    }
  });

  it('measures nothing for a regressor, which has no class score', async () => {
    const box = { ...goldenBox('conv1d_clf'), output: 'values' as const };
    expect(await windowFaithfulness(box, golden.x, golden.x, [], 0)).toBeUndefined();
  });
});
