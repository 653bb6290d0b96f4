import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesDir } from '../../../test/support/sample-data';
import { importFiles } from '../../formats';
import { insertAnnotations, openStudy, type NewAnnotation } from '../../store';

/** A name planted in the record's header comments and in annotation notes, for the de-identification tests. */
export const PLANTED_NAME = 'Jane Roe';
export const PLANTED_INFO = `Patient: ${PLANTED_NAME}, born 03/02/1950`;
export const ANALYST = 'analyst-1';

/** The analyst's annotations added to the imported record: a labelled segment, a NOTE, an uncoded label. */
export const plantedAnnotations: readonly NewAnnotation[] = [
  { sample: 1000, endSample: 1720, channel: 1, code: null, symbol: 'noisy', subtype: 0, aux: `${PLANTED_NAME} moved` },
  { sample: 5000, endSample: null, channel: null, code: 22, symbol: '"', subtype: 0, aux: `call ${PLANTED_NAME}` },
  { sample: 7001, endSample: null, channel: 0, code: null, symbol: 'PVC?', subtype: 0, aux: null },
];

export interface ExportStudy {
  dir: string;
  study: string;
  recordId: number;
  remove(): void;
}

/**
 * A study in a fresh temporary folder holding the 30 s excerpt of MIT-BIH record 100
 * (test/fixtures/export) imported with its .atr, its header carrying PLANTED_INFO as a comment,
 * plus `plantedAnnotations` by ANALYST.
 */
export async function createExportStudy(): Promise<ExportStudy> {
  const dir = mkdtempSync(join(tmpdir(), 'salience-export-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const hea = copyRecord(join(dir, 'record'));
    const path = join(dir, 'study.sqlite');
    const study = openStudy(path, { create: true });
    try {
      const [imported] = await importFiles(study, [hea], 'wfdb', 'importer');
      if (imported === undefined) throw new Error(`${hea} was not imported`);
      study.db.transaction(() =>
        insertAnnotations(study.db, imported.recordId, plantedAnnotations, { author: ANALYST, source: 'analyst' }),
      )();
      return { dir, study: path, recordId: imported.recordId, remove };
    } finally {
      study.close();
    }
  } catch (error) {
    remove();
    throw error;
  }
}

function copyRecord(folder: string): string {
  const fixtures = fixturesDir('export');
  mkdirSync(folder);
  for (const name of ['100x.dat', '100x.atr']) copyFileSync(join(fixtures, name), join(folder, name));
  const hea = join(folder, '100x.hea');
  writeFileSync(hea, `${readFileSync(join(fixtures, '100x.hea'), 'latin1')}# ${PLANTED_INFO}\n`);
  return hea;
}

/** The value, or a thrown error for a missing one (an index past the end of a list). */
export function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value, found none');
  return value;
}
