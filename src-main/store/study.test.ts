import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { latestSchemaVersion } from './migrations';
import { openStudy, STUDY_APPLICATION_ID } from './study';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-study-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openStudy', () => {
  it('creates a new study with WAL, foreign keys and every migration applied', () => {
    const study = openStudy(join(dir, 'new.sqlite'), { create: true });
    expect(study.name).toBe('new');
    expect(study.schemaVersion).toBe(latestSchemaVersion);
    expect(study.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(study.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(study.db.pragma('application_id', { simple: true })).toBe(STUDY_APPLICATION_ID);
    const tables = study.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'annotation_labels',
      'annotations',
      'audit_log',
      'channel_statistics',
      'channels',
      'envelopes',
      'explanations',
      'fitted_explainers',
      'job_checkpoints',
      'jobs',
      'model_prediction_runs',
      'model_predictions',
      'models',
      'patients',
      'records',
      'settings',
      'signal_chunks',
    ]);
    study.close();
  });

  it('reopens an existing study without re-running migrations', () => {
    const path = join(dir, 's.sqlite');
    openStudy(path, { create: true }).close();
    const again = openStudy(path);
    expect(again.schemaVersion).toBe(latestSchemaVersion);
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('refuses a missing study unless asked to create it', () => {
    expect(() => openStudy(join(dir, 'missing.sqlite'))).toThrow(/missing\.sqlite: no such study/);
  });

  it('refuses a study written by a newer version and leaves it untouched', () => {
    const path = join(dir, 'future.sqlite');
    openStudy(path, { create: true }).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    expect(() => openStudy(path)).toThrow(
      /newer version of Salience Workbench \(study schema \d+, this version reads up to \d+\)/,
    );
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    check.close();
  });

  it("refuses another program's SQLite database", () => {
    const path = join(dir, 'other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(() => openStudy(path)).toThrow(/other\.sqlite: not a Salience study/);
  });

  it('refuses a file that is not SQLite, with a bad-input error naming it', () => {
    const path = join(dir, 'text.sqlite');
    writeFileSync(path, 'these are not the bytes of a database, but they are long enough to be read as a header');
    let caught: unknown;
    try {
      openStudy(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).kind).toBe('bad-input');
    expect((caught as AppError).message).toContain('text.sqlite');
  });
});
