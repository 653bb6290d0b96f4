import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIcuCohort } from '../../datasets/icu-cohort';
import { importSources } from '../../formats';
import { runMimic3Pipeline } from '../../formats/mimic3';
import { readModelFiles, registerModel, releaseModelSessions } from '../../models';
import { openStudy, type Study } from '../../store';

const shippedIcuModel = fileURLToPath(new URL('../../../models/icu-mortality-gru.onnx', import.meta.url));

export interface IcuStudy {
  study: Study;
  recordId: number;
  close(): Promise<void>;
}

/** A study holding one stay of a seeded MIMIC-shaped cohort (48 hourly steps, 31 features) and the shipped GRU. */
export async function openIcuStudy(): Promise<IcuStudy> {
  const dir = mkdtempSync(join(tmpdir(), 'salience-api-icu-'));
  const tables = join(dir, 'tables');
  await generateIcuCohort({ seed: 31, stays: 10, outDir: tables });
  const cohort = await runMimic3Pipeline(tables);
  const study = openStudy(join(dir, 'study.sqlite'), { create: true });
  const stay = cohort.stays[0];
  if (stay === undefined) throw new Error('the seeded cohort has no stay');
  const [imported] = importSources(study, [{ path: 'synthetic:icu', source: stay.record }], 'tester');
  registerModel(study.db, await readModelFiles(shippedIcuModel), { actor: 'tester' });
  return {
    study,
    recordId: imported?.recordId ?? -1,
    async close() {
      await releaseModelSessions();
      study.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
