import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appRoot } from '../../app/app-root';
import { defaultStudyPath } from '../../app/paths';
import { AppError } from '../../errors';
import { importSources } from '../../formats';
import { readModelFiles, registerModel } from '../../models';
import { withStudyCreatedIfMissing } from '../../store';
import { demoSources } from './demo-sources';

/** Fixed so that every demo study holds the same records. */
const DEMO_SEED = 2024;

export interface DemoStudySummary {
  ecgRecords: number;
  icuStays: number;
  /** Ids of the shipped models registered in the study. */
  models: string[];
}

/** The shipped models, each an .onnx with its card, in models/ beside the app's package.json. */
function shippedModelFiles(): string[] {
  const dir = join(appRoot(), 'models');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.onnx'))
    .sort()
    .map((name) => join(dir, name));
}

/** Creates a new study at `path` holding the demo content; refuses an existing file. */
export async function createDemoStudy(path: string, actor: string): Promise<DemoStudySummary> {
  if (existsSync(path))
    throw new AppError('invalid-request', `${path}: already exists; the demo goes into a new study`);
  mkdirSync(dirname(path), { recursive: true });
  const demo = await demoSources(DEMO_SEED);
  try {
    const { imported, models } = await withStudyCreatedIfMissing(path, async (study) => {
      const records = importSources(study, demo.items, actor);
      const registered: string[] = [];
      for (const file of shippedModelFiles()) {
        registered.push(registerModel(study.db, await readModelFiles(file), { actor }).card.id);
      }
      return { imported: records, models: registered };
    });
    const ecgRecords = imported.filter((r) => r.format === 'synthetic').length;
    return { ecgRecords, icuStays: imported.length - ecgRecords, models };
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
