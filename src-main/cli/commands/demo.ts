import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { demoSources } from '../../datasets/demo';
import { AppError } from '../../errors';
import { importSources } from '../../formats';
import type { Command } from '../command';
import { withStudyCreatedIfMissing } from '../study-session';

/** Fixed so that every demo study holds the same records. */
const DEMO_SEED = 2024;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'create a study with the demo content',
  description:
    'Creates a new study holding the demo content: synthetic ECG records (sinus rhythm with heart-rate variability, PVCs and APCs, every beat annotated) and a MIMIC-shaped ICU cohort imported through the MIMIC-III pipeline. The content is seeded: every demo study is the same.',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file to create (must not exist)' },
  },
  async run({ values, json, io }) {
    const studyPath = values.study as string;
    if (existsSync(studyPath)) {
      throw new AppError('invalid-request', `${studyPath}: already exists; the demo goes into a new study`);
    }
    const demo = await demoSources(DEMO_SEED);
    try {
      const imported = await withStudyCreatedIfMissing(studyPath, (study) =>
        Promise.resolve(importSources(study, demo.items, userInfo().username)),
      );
      const ecg = imported.filter((r) => r.format === 'synthetic').length;
      if (json) io.out(`${JSON.stringify({ study: studyPath, ecgRecords: ecg, icuStays: imported.length - ecg })}\n`);
      else io.out(`created ${studyPath}: ${ecg} ECG records and ${imported.length - ecg} ICU stays\n`);
    } finally {
      demo.cleanup();
    }
  },
};
