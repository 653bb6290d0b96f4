import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEcg, syntheticEcgRecord, type SyntheticEcg } from '../../datasets/ecg-synth';
import { importSources } from '../../formats';
import { readModelFiles, registerModel, releaseModelSessions } from '../../models';
import { openStudy, type Study } from '../../store';

const shippedBeatModel = fileURLToPath(new URL('../../../models/ecg-beat-cnn.onnx', import.meta.url));

export interface BeatStudy {
  study: Study;
  ecg: SyntheticEcg;
  recordId: number;
  close(): Promise<void>;
}

/** A study holding one seeded 60-second synthetic ECG with PVCs and the shipped beat classifier. */
export async function openBeatStudy(): Promise<BeatStudy> {
  const dir = mkdtempSync(join(tmpdir(), 'salience-api-beats-'));
  const study = openStudy(join(dir, 'study.sqlite'), { create: true });
  const ecg = generateEcg({ durationSec: 60, seed: 41, heartRateBpm: 70, pvcFraction: 0.15 });
  const [imported] = importSources(
    study,
    [{ path: 'synthetic:beats', source: syntheticEcgRecord(ecg, 'beats', null) }],
    'tester',
  );
  registerModel(study.db, await readModelFiles(shippedBeatModel), { actor: 'tester' });
  return {
    study,
    ecg,
    recordId: imported?.recordId ?? -1,
    async close() {
      await releaseModelSessions();
      study.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
