import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, errorMessage } from '../errors';
import { latestSchemaVersion, migrations, type Migration } from './migrations';

/** Marks a SQLite file as a study ('SALI'), so another program's database is never migrated. */
export const STUDY_APPLICATION_ID = 0x53414c49;

export interface Study {
  readonly path: string;
  readonly name: string;
  readonly db: Database.Database;
  readonly schemaVersion: number;
  close(): void;
}

export interface OpenStudyOptions {
  /** Create the file if it does not exist (otherwise a missing study is an error). */
  create?: boolean;
}

/**
 * Opens a study file: WAL, foreign keys on, and every pending migration applied in one
 * transaction. A file written by a newer version, or one that is not a study, is refused.
 */
export function openStudy(path: string, options: OpenStudyOptions = {}): Study {
  const exists = existsSync(path);
  if (!exists && !options.create) {
    throw new AppError('not-found', `${path}: no such study ('salience serve --study PATH' creates a new one)`);
  }
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch (error) {
    throw new AppError('bad-input', `${path}: cannot open the study: ${errorMessage(error)}`, { cause: error });
  }
  try {
    prepare(db, path);
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError('bad-input', `${path}: not a Salience study: ${errorMessage(error)}`, { cause: error });
  }
  return {
    path,
    name: studyName(path),
    db,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    close: () => db.close(),
  };
}

/** A study's name: its file name without the study extensions. */
export function studyName(path: string): string {
  return basename(path).replace(/\.(sqlite|db|study|salience)$/i, '');
}

function prepare(db: Database.Database, path: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tableCount = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (applicationId !== STUDY_APPLICATION_ID && (applicationId !== 0 || tableCount.n > 0)) {
    throw new AppError('bad-input', `${path}: not a Salience study (the SQLite file belongs to another program)`);
  }
  if (version > latestSchemaVersion) {
    throw new AppError(
      'bad-input',
      `${path}: written by a newer version of Salience Workbench (study schema ${version}, this version reads up to ${latestSchemaVersion}); update the app to open it`,
    );
  }
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  applyMigrations(
    db,
    migrations.filter((m) => m.version > version),
  );
}

function applyMigrations(db: Database.Database, pending: readonly Migration[]): void {
  if (pending.length === 0) return;
  db.transaction(() => {
    db.pragma(`application_id = ${STUDY_APPLICATION_ID}`);
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
