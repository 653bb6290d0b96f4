import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tensor } from '../engine';
import { explainRecordWindows } from '../explain';
import { tintAup, tintAur } from '../metrics';
import { loadRegisteredModel, openModelRunner } from '../models';
import { readExplanation } from '../store';
import { compareExplanations, CURVE_FRACTIONS } from './compare-explanations';
import type { ExplanationFaithfulness } from './contract';
import { openBeatStudy, type BeatStudy } from './testing/beat-study';
import { openIcuStudy, type IcuStudy } from './testing/icu-study';
import { predictWindows } from './window-predictions';

const HALF_WINDOW = 180;
let beats: BeatStudy;
let start: number;
let gradientId: number;
let occlusionId: number;
let elsewhereId: number;

async function explain(method: string, fromSample: number): Promise<number> {
  const { explanationIds } = await explainRecordWindows(beats.study.db, {
    modelId: 'ecg-beat-cnn',
    record: String(beats.recordId),
    method,
    seed: 3,
    fromSample,
    actor: 'tester',
  });
  return explanationIds[0] ?? -1;
}

beforeAll(async () => {
  beats = await openBeatStudy();
  const pvc = beats.ecg.beats.find((b) => b.symbol === 'V' && b.rPeak >= HALF_WINDOW);
  start = (pvc?.rPeak ?? NaN) - HALF_WINDOW;
  gradientId = await explain('gradient', start);
  occlusionId = await explain('occlusion', start);
  elsewhereId = await explain('gradient', start + 360);
});
afterAll(() => beats.close());

/** The entries of a stored map, highest first (ties by index), as a set of the first k. */
function topSet(id: number, k: number): Set<number> {
  const values = Array.from(readExplanation(beats.study.db, id)?.saliency ?? []);
  return new Set(
    values
      .map((v, i) => [v, i] as const)
      .sort((p, q) => q[0] - p[0] || p[1] - q[1])
      .slice(0, k)
      .map(([, i]) => i),
  );
}

/** Deletion (ranked and random) runs from the window's score to the all-baseline input's; insertion the other way. */
function expectCurveEnds(faith: ExplanationFaithfulness, original: number, baseline: number): void {
  for (const [curve, from, to] of [
    [faith.deletion, original, baseline],
    [faith.randomDeletion, original, baseline],
    [faith.insertion, baseline, original],
    [faith.randomInsertion, baseline, original],
  ] as const) {
    expect(curve.scores[0]).toBeCloseTo(from, 4);
    expect(curve.scores.at(-1)).toBeCloseTo(to, 4);
  }
}

describe('compareExplanations', () => {
  it('measures agreement as the overlap of the top entries, and 1 for a map with itself', async () => {
    const result = await compareExplanations(beats.study.db, [gradientId, occlusionId, gradientId], 0.1);
    const k = Math.round(0.1 * 360 * 2);
    const [g, o] = [topSet(gradientId, k), topSet(occlusionId, k)];
    const shared = [...g].filter((i) => o.has(i)).length;
    expect(result.agreement.map((a) => [a.a, a.b])).toEqual([
      [gradientId, occlusionId],
      [gradientId, gradientId],
      [occlusionId, gradientId],
    ]);
    expect(result.agreement[0]?.topKIou).toBeCloseTo(shared / (2 * k - shared), 12);
    expect(result.agreement[1]).toMatchObject({ topKIou: 1, spearman: 1 });
    expect(result).toMatchObject({ recordId: beats.recordId, startSample: start, sampleCount: 360, topK: 0.1 });
  });

  it('starts each curve at the probability ONNX Runtime gives the window and ends deletion at the all-baseline input', async () => {
    const { explanations } = await compareExplanations(beats.study.db, [occlusionId], 0.1);
    const [faith] = explanations;
    if (faith === undefined) throw new Error('no result');
    const predicted = await predictWindows(beats.study.db, {
      recordId: beats.recordId,
      modelId: 'ecg-beat-cnn',
      fromSec: start / 360,
    });
    expect(faith.target).toBe(predicted.windows[0]?.label);
    const original = predicted.windows[0]?.score ?? NaN;
    const runner = await openModelRunner(loadRegisteredModel(beats.study.db, 'ecg-beat-cnn'));
    const logits = Array.from(
      (await runner.run(tensor('float32', [1, 360, 2], new Float32Array(720)))).data as Float32Array,
    );
    const zeroProbability = Math.exp(logits[faith.target ?? 0] ?? NaN) / logits.reduce((s, v) => s + Math.exp(v), 0);

    expect(faith).toMatchObject({ method: 'occlusion', score: 'softmax', windowsInRun: 1, scale: 'signed' });
    expect(faith.deletion.fractions).toEqual(CURVE_FRACTIONS.map((f) => Math.round(f * 720) / 720));
    expectCurveEnds(faith, original, zeroProbability);
    // Occlusion ranks the entries by how much removing them lowers the score: deletion must beat chance.
    expect(faith.deletion.auc).toBeLessThan(faith.randomDeletion.auc);
  });

  it("scores each map against the synthetic record's ground truth, on every lead, and none where there is none", async () => {
    // The mask built here from the generator's regions, independently of the stored annotations.
    const mask = new Float32Array(360 * 2);
    for (const { abnormalRegions } of beats.ecg.beats) {
      for (const { start: from, end } of abnormalRegions) {
        for (let t = Math.max(from, start); t < Math.min(end, start + 360); t++)
          mask.fill(1, (t - start) * 2, (t - start) * 2 + 2);
      }
    }
    const marked = mask.reduce((n, v) => n + v, 0);
    expect(marked).toBeGreaterThan(0);
    const truth = tensor('float32', [1, 360, 2], mask);
    const result = await compareExplanations(beats.study.db, [occlusionId, gradientId], 0.1);
    expect(result.truthShare).toBeCloseTo(marked / mask.length, 12);
    for (const faith of result.explanations) {
      const map = tensor(
        'float32',
        [1, 360, 2],
        readExplanation(beats.study.db, faith.id)?.saliency ?? new Float32Array(),
      );
      expect(faith.groundTruth?.aup).toBeCloseTo(tintAup(map, truth), 12);
      expect(faith.groundTruth?.aur).toBeCloseTo(tintAur(map, truth), 12);
    }

    const clear = beats.ecg.beats.find(
      (b, i) =>
        b.rPeak >= HALF_WINDOW &&
        beats.ecg.beats.every(
          (other, j) =>
            Math.abs(j - i) > 3 ||
            other.abnormalRegions.every((r) => r.end <= b.rPeak - HALF_WINDOW || r.start >= b.rPeak + HALF_WINDOW),
        ),
    );
    if (clear === undefined) throw new Error('the seeded record has no window of normal beats only');
    const normalId = await explain('gradient', clear.rPeak - HALF_WINDOW);
    const normal = await compareExplanations(beats.study.db, [normalId], 0.1);
    expect(normal.truthShare).toBeNull();
    expect(normal.explanations[0]?.groundTruth).toBeNull();
  });

  it('refuses explanations of different windows, and an unknown id', async () => {
    await expect(compareExplanations(beats.study.db, [gradientId, elsewhereId], 0.1)).rejects.toThrow(
      `explanations ${gradientId} and ${elsewhereId} are of different windows (start sample ${start} and ${start + 360})`,
    );
    await expect(compareExplanations(beats.study.db, [gradientId, 99999], 0.1)).rejects.toThrow('no explanation 99999');
  });
});

describe('compareExplanations of an ICU stay (a binary-risk model: one logit)', () => {
  let icu: IcuStudy;
  let ids: number[];

  beforeAll(async () => {
    icu = await openIcuStudy();
    ids = [];
    for (const method of ['integrated-gradients', 'occlusion']) {
      const { explanationIds } = await explainRecordWindows(icu.study.db, {
        modelId: 'icu-mortality-gru',
        record: String(icu.recordId),
        method,
        seed: 3,
        fromSample: 0,
        actor: 'tester',
      });
      ids.push(explanationIds[0] ?? -1);
    }
  });
  afterAll(() => icu.close());

  it("tracks the risk (the sigmoid of the one logit), from the stay's own risk to the all-baseline risk", async () => {
    const result = await compareExplanations(icu.study.db, ids, 0.1);
    const predicted = await predictWindows(icu.study.db, {
      recordId: icu.recordId,
      modelId: 'icu-mortality-gru',
      fromSec: 0,
    });
    const risk = predicted.windows[0]?.score ?? NaN;
    const runner = await openModelRunner(loadRegisteredModel(icu.study.db, 'icu-mortality-gru'));
    const [logit = NaN] = (await runner.run(tensor('float32', [1, 48, 31], new Float32Array(48 * 31)))).data;
    const baselineRisk = 1 / (1 + Math.exp(-Number(logit)));
    expect(Math.abs(risk - baselineRisk)).toBeGreaterThan(1e-3);
    expect(result.explanations.map((e) => [e.method, e.score, e.target])).toEqual([
      ['integrated-gradients', 'risk', 0],
      ['occlusion', 'risk', 0],
    ]);
    for (const faith of result.explanations) expectCurveEnds(faith, risk, baselineRisk);
    expect(result.agreement).toHaveLength(1);
    expect(result.agreement[0]?.spearman).not.toBeNull();
    expect(result.truthShare).toBeNull();
  });
});
