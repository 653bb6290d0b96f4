import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, errorMessage } from '../../errors';
import { MIMIC3_TABLE_NAMES, type Mimic3TableName } from './schema';

export type Mimic3TableFiles = Partial<Record<Mimic3TableName, string>>;

const TABLE_FILE = /^(.+)\.csv(\.gz)?$/i;

/**
 * Finds the MIMIC-III tables in a folder: `NAME.csv` or `NAME.csv.gz`, any letter case (full
 * v1.4 writes upper case, the current PhysioNet demo lower case). A plain CSV wins over its
 * compressed twin because it reads faster.
 */
export function findMimic3Tables(dir: string): Mimic3TableFiles {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    throw new AppError('not-found', `Cannot read the MIMIC-III folder ${dir}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const found: Mimic3TableFiles = {};
  for (const name of names) {
    const match = TABLE_FILE.exec(name);
    const table = MIMIC3_TABLE_NAMES.find((t) => t === match?.[1]?.toUpperCase());
    if (table === undefined || match === null) continue;
    const existing = found[table];
    if (existing === undefined || (existing.endsWith('.gz') && match[2] === undefined)) found[table] = join(dir, name);
  }
  return found;
}

export function requireTable(files: Mimic3TableFiles, table: Mimic3TableName, dir: string): string {
  const file = files[table];
  if (file === undefined) throw new AppError('not-found', `The MIMIC-III folder ${dir} has no ${table}.csv(.gz)`);
  return file;
}
