import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEcg, syntheticEcgRecord } from '../../datasets/ecg-synth';
import { importSources } from '../../formats';
import { openStudy } from '../../store';
import { releaseModelSessions } from '../inference';
import { sha256Hex } from '../loaded-model';
import { readModelFiles } from '../model-files';
import { readPredictions } from '../predictions';
import { predictRecord } from '../record-prediction';
import { registerModel } from '../registry';
import { measureHeldOut } from '../training';
import { ecgBeatCnn } from './ecg-beat-cnn';
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
    const heldOut = shipped.heldOut();
    expect(heldOut.count).toBe(model.card.metrics.samples);
    const recomputed = await measureHeldOut(model, heldOut);
    expect(Object.keys(recomputed)).toEqual(Object.keys(model.card.metrics.values));
    for (const [name, value] of Object.entries(model.card.metrics.values))
      expect(recomputed[name]).toBeCloseTo(value, 9);
  });
});

describe('ecg-beat-cnn in a study', () => {
  it('classifies the beats of a synthetic ECG record imported into a study', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salience-shipped-'));
    const study = openStudy(join(dir, 'study.sqlite'), { create: true });
    try {
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
    } finally {
      study.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
