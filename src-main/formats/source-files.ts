import { openSync, readFileSync } from 'node:fs';
import { AppError, errorMessage } from '../errors';
import { FormatError } from './format-error';

/** Opens a file the analyst named for random-access reading; a missing file is 'not-found'. */
export function openSourceFile(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw new AppError('not-found', `${path}: cannot open (${errorMessage(error)})`, { cause: error });
  }
}

/** Reads a whole small file (a header, an annotation file) that must exist and be readable. */
export function readSourceFile(path: string, expected: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new FormatError(path, {}, `expected ${expected} (${errorMessage(error)})`);
  }
}
