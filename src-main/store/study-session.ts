import { existsSync, rmSync } from 'node:fs';
import { openStudy, type Study } from './study';

/**
 * Runs `work` on a study that is created if missing. If the study did not exist and the work
 * fails, the new file is removed: a failed command leaves no trace behind.
 */
export async function withStudyCreatedIfMissing<T>(path: string, work: (study: Study) => Promise<T>): Promise<T> {
  const created = !existsSync(path);
  const study = openStudy(path, { create: true });
  let succeeded = false;
  try {
    const result = await work(study);
    succeeded = true;
    return result;
  } finally {
    study.close();
    if (created && !succeeded) removeStudyFile(path);
  }
}

/** Removes a study file with its write-ahead log and shared-memory files. */
export function removeStudyFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
