import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultStudyPath } from '../../app/paths';
import { AppError } from '../../errors';
import { importSources } from '../../formats';
import { withStudyCreatedIfMissing } from '../../store';
import { demoSources } from './demo-sources';

/** Fixed so that every demo study holds the same records. */
const DEMO_SEED = 2024;

export interface DemoStudySummary {
  ecgRecords: number;
  icuStays: number;
}

/** Creates a new study at `path` holding the demo content; refuses an existing file. */
export async function createDemoStudy(path: string, actor: string): Promise<DemoStudySummary> {
  if (existsSync(path))
    throw new AppError('invalid-request', `${path}: already exists; the demo goes into a new study`);
  mkdirSync(dirname(path), { recursive: true });
  const demo = await demoSources(DEMO_SEED);
  try {
    const imported = await withStudyCreatedIfMissing(path, (study) =>
      Promise.resolve(importSources(study, demo.items, actor)),
    );
    const ecgRecords = imported.filter((r) => r.format === 'synthetic').length;
    return { ecgRecords, icuStays: imported.length - ecgRecords };
  } finally {
    demo.cleanup();
  }
}

/** The study the app opens when none is named: the demo, created on first start. */
export async function ensureDefaultStudy(actor: string): Promise<string> {
  const path = defaultStudyPath();
  if (!existsSync(path)) await createDemoStudy(path, actor);
  return path;
}
