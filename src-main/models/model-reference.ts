import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../errors';
import type { LoadedModel } from './loaded-model';
import { readModelFiles } from './model-files';
import { loadRegisteredModel } from './registry';

/**
 * Loads the model a command names: the path of an `.onnx` file (its card beside it) or the id of
 * a model registered in the study (`db` undefined when no study was given).
 */
export async function loadModelReference(reference: string, db: Database.Database | undefined): Promise<LoadedModel> {
  if (/\.onnx$/i.test(reference) || existsSync(reference)) return readModelFiles(reference);
  if (db === undefined) {
    throw new AppError(
      'invalid-request',
      `model '${reference}': no such .onnx file; to use a registered model by id, name its study with --study`,
    );
  }
  return loadRegisteredModel(db, reference);
}
