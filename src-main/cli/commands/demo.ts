import { userInfo } from 'node:os';
import { createDemoStudy } from '../../datasets/demo';
import type { Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'create a study with the demo content',
  description:
    'Creates a new study holding the demo content: synthetic ECG records (sinus rhythm with heart-rate variability, PVCs and APCs, every beat annotated) and a MIMIC-shaped ICU cohort imported through the MIMIC-III pipeline. The content is seeded: every demo study is the same.',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file to create (must not exist)' },
  },
  async run({ values, json, io }) {
    const path = values.study as string;
    const summary = await createDemoStudy(path, userInfo().username);
    if (json) io.out(`${JSON.stringify({ study: path, ...summary })}\n`);
    else {
      const models = summary.models.length === 0 ? 'no models' : `models ${summary.models.join(', ')}`;
      io.out(`created ${path}: ${summary.ecgRecords} ECG records, ${summary.icuStays} ICU stays, ${models}\n`);
    }
  },
};
