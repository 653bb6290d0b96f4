import { randomBytes } from 'node:crypto';
import { renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError, errorMessage } from '../errors';

/** Refuses an output path whose folder is missing or that names a folder, before any work is done. */
export function checkOutputPath(out: string): void {
  const folder = dirname(resolve(out));
  const [folderKind, outKind] = [folder, out].map((path) => {
    try {
      return statSync(path, { throwIfNoEntry: false });
    } catch (error) {
      throw cannotWrite(out, error);
    }
  });
  if (folderKind === undefined) throw new AppError('not-found', `${out}: the folder ${folder} does not exist`);
  if (!folderKind.isDirectory()) throw new AppError('invalid-request', `${out}: ${folder} is not a folder`);
  if (outKind?.isDirectory() === true) {
    throw new AppError('invalid-request', `${out} is a folder; expected the name of the file to write`);
  }
}

/**
 * A hidden file beside `out` for the export to be written into: in the same folder, so the final
 * rename replaces `out` in one step and a failed export leaves no partial file under its name.
 * The name does not grow with `out`'s, so any name `out` can have, the temporary file can too.
 */
export function temporaryPathBeside(out: string): string {
  return join(dirname(resolve(out)), `.salience-export-${process.pid}-${randomBytes(6).toString('hex')}.partial`);
}

/** Moves the finished file into place. */
export function moveIntoPlace(temporary: string, out: string): void {
  try {
    renameSync(temporary, out);
  } catch (error) {
    throw cannotWrite(out, error);
  }
}

const reasons: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the file name is too long',
};

/** A file-system error as a message about `out` (not the temporary file the error names). */
export function cannotWrite(out: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code === undefined ? undefined : reasons[code]) ?? errorMessage(error);
  return new AppError('bad-input', `cannot write ${out}: ${reason}`, { cause: error });
}
