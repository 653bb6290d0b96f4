import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEcg, syntheticEcgRecord } from '../../datasets/ecg-synth';
import { importSources } from '../../formats';
import { generateIcuCohort } from '../../datasets/icu-cohort';
import { tensor } from '../../engine/ir';
import { runMimic3Pipeline } from '../../formats/mimic3';
import { openStudy } from '../../store';
import type { Study } from '../../store';
import { openModelRunner, releaseModelSessions } from '../inference';
import { sha256Hex } from '../loaded-model';
import { readModelFiles } from '../model-files';
import { readPredictions } from '../predictions';
import { preprocessWindows } from '../preprocess';
import { predictRecord } from '../record-prediction';
import { registerModel } from '../registry';
import { measureHeldOut } from '../training';
import { ecgBeatCnn } from './ecg-beat-cnn';
import { icuMortalityGru } from './icu-mortality-gru';
import { shippedModels } from './index';

const modelsDir = fileURLToPath(new URL('../../../models/', import.meta.url));
afterAll(() => releaseModelSessions());

describe.each(shippedModels.map((m) => [m.id, m] as const))('shipped model %s', (id, shipped) => {
  const path = join(modelsDir, `${id}.onnx`);

  it('is in models/ with its card, whose sha256 matches, and ONNX Runtime loads it', async () => {
    expect(existsSync(path)).toBe(true);
    const model = await readModelFiles(path);
    expect(model.card.id).toBe(id);
    expect(model.card.sha256).toBe(sha256Hex(readFileSync(path)));
    expect(model.signature.differentiability.differentiable).toBe(true);
  });

  it("reproduces its card's held-out metrics from the seeded data", async () => {
    const model = await readModelFiles(path);
    const heldOut = await shipped.heldOut();
    expect(heldOut.count).toBe(model.card.metrics.samples);
    const recomputed = await measureHeldOut(model, heldOut);
    expect(Object.keys(recomputed)).toEqual(Object.keys(model.card.metrics.values));
    for (const [name, value] of Object.entries(model.card.metrics.values))
      expect(recomputed[name]).toBeCloseTo(value, 9);
  }, 60_000);
});

/** A fresh study for `work`, removed afterwards. */
async function withStudy(work: (study: Study) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'salience-shipped-'));
  const study = openStudy(join(dir, 'study.sqlite'), { create: true });
  try {
    await work(study);
  } finally {
    study.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('shipped models in a study', () => {
  it('ecg-beat-cnn classifies the beats of a synthetic ECG record imported into a study', async () => {
    await withStudy(async (study) => {
      const ecg = generateEcg({ durationSec: 40, seed: 977, heartRateBpm: 75, pvcFraction: 0.15, apcFraction: 0.15 });
      importSources(study, [{ path: 'synthetic:ecg', source: syntheticEcgRecord(ecg, 'ecg', null) }], 'tester');
      const model = await readModelFiles(join(modelsDir, `${ecgBeatCnn.id}.onnx`));
      registerModel(study.db, model, { actor: 'tester' });
      const beats = ecg.beats.filter((b) => b.rPeak >= 180 && b.rPeak + 180 <= ecg.sampleCount);
      const expected = { normal: 'N', apc: 'S', pvc: 'V' } as const;
      const predicted: string[] = [];
      for (const beat of beats) {
        const from = beat.rPeak - 180;
        await predictRecord(study.db, ecgBeatCnn.id, 'ecg', {
          actor: 'tester',
          fromSample: from,
          toSample: from + 360,
        });
        const [window] = readPredictions(study.db, ecgBeatCnn.id, 1);
        predicted.push(model.card.classNames[window?.label ?? -1] ?? '?');
      }
      const truth = beats.map((b) => expected[b.beatClass]);
      expect(new Set(truth)).toEqual(new Set(['N', 'S', 'V']));
      const correct = predicted.filter((p, i) => p === truth[i]).length;
      expect(correct / beats.length).toBeGreaterThan(0.9);
    });
  });

  it('icu-mortality-gru gives an imported ICU stay the risk it gives the stay as an array', async () => {
    const tables = mkdtempSync(join(tmpdir(), 'salience-shipped-icu-'));
    try {
      await generateIcuCohort({ seed: 31, stays: 30, outDir: tables });
      const cohort = await runMimic3Pipeline(tables);
      const stays = cohort.stays.slice(0, 3);
      await withStudy(async (study) => {
        const imported = importSources(
          study,
          stays.map((s) => ({ path: 'synthetic:icu', source: s.record })),
          'tester',
        );
        const model = await readModelFiles(join(modelsDir, `${icuMortalityGru.id}.onnx`));
        registerModel(study.db, model, { actor: 'tester' });
        const runner = await openModelRunner(model);
        for (const [n, stay] of stays.entries()) {
          const record = imported[n]?.name ?? '';
          await predictRecord(study.db, icuMortalityGru.id, record, { actor: 'tester' });
          const [window, ...rest] = readPredictions(study.db, icuMortalityGru.id, imported[n]?.recordId ?? -1);
          expect(rest).toEqual([]);
          const windows = Float32Array.from(
            { length: 48 * 31 },
            (_, i) => stay.values[(i % 31) * 48 + Math.floor(i / 31)] ?? NaN,
          );
          preprocessWindows(model.card, windows, 1);
          const logit = Number((await runner.run(tensor('float32', [1, 48, 31], windows))).data[0]);
          expect(window?.score).toBeCloseTo(1 / (1 + Math.exp(-logit)), 6);
        }
      });
    } finally {
      rmSync(tables, { recursive: true, force: true });
    }
  });
});
