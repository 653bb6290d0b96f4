import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoStudy } from '../../../src-main/datasets/demo';
import { findRecord, listAnnotations, openStudy } from '../../../src-main/store';

export interface DemoStudy {
  path: string;
  /** Seconds of each annotation of `symbol` in the named record. */
  annotationTimes(record: string, symbol: string): number[];
  remove(): void;
}

/** The demo study (3 ECG records, a MIMIC-shaped cohort) in a fresh temporary folder. */
export async function createTempDemoStudy(): Promise<DemoStudy> {
  const dir = mkdtempSync(join(tmpdir(), 'salience-e2e-demo-'));
  const path = join(dir, 'demo.sqlite');
  await createDemoStudy(path, 'e2e');
  return {
    path,
    annotationTimes(name, symbol) {
      const study = openStudy(path);
      try {
        const record = findRecord(study.db, name);
        return listAnnotations(study.db, record.id)
          .filter((a) => a.symbol === symbol)
          .map((a) => a.sample / record.frameRateHz);
      } finally {
        study.close();
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
