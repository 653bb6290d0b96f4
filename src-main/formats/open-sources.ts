import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppError } from '../errors';
import { openCsvRecord } from './csv';
import { openEdfRecord } from './edf';
import type { SourceToImport } from './import-sources';
import { runMimic3Pipeline } from './mimic3';
import { openWfdbRecord } from './wfdb';

export const importFormats = ['auto', 'wfdb', 'edf', 'csv', 'mimic3'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Which reader a path needs: by extension, and a folder of MIMIC-III tables by being a folder. */
export function detectFormat(path: string): Exclude<ImportFormat, 'auto'> {
  if (isDirectory(path)) return 'mimic3';
  const extension = extname(path).toLowerCase();
  if (extension === '.hea') return 'wfdb';
  if (extension === '.edf' || extension === '.bdf' || extension === '.rec') return 'edf';
  if (extension === '.csv' || extension === '.txt') return 'csv';
  throw new AppError(
    'bad-input',
    `${path}: cannot tell the format from '${basename(path)}'; expected a WFDB .hea, an .edf/.bdf, a .csv, or a folder of MIMIC-III tables (or pass --format)`,
  );
}

/** Opens one path as the records it holds (one for a file, one per ICU stay for MIMIC-III tables). */
export async function openSources(path: string, format: ImportFormat): Promise<SourceToImport[]> {
  const resolved = format === 'auto' ? detectFormat(path) : format;
  switch (resolved) {
    case 'wfdb':
      return [{ path, source: openWfdbRecord(path) }];
    case 'edf':
      return [{ path, source: openEdfRecord(path) }];
    case 'csv':
      return [{ path, source: openCsvRecord(path) }];
    case 'mimic3': {
      const cohort = await runMimic3Pipeline(path);
      return cohort.stays.map((stay) => ({ path, source: stay.record }));
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new AppError('not-found', `${path}: no such file or folder`);
  }
}
