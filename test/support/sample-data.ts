import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the tests find sample files: small copies in test/fixtures/, and the full sample data
 * that every developer and CI run has beside the checkout (large records, the MIMIC-III demo).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

export function fixturesDir(area: string): string {
  return join(root, 'test', 'fixtures', area);
}

/** `../shared/data`, or SALIENCE_SHARED_DATA where the sample data lives elsewhere. */
export const sharedDataDir = process.env.SALIENCE_SHARED_DATA ?? join(root, '..', 'shared', 'data');

/** A file or folder of the shared sample data, or null with a printed reason when it is absent. */
export function sharedData(relative: string): string | null {
  const path = join(sharedDataDir, relative);
  if (existsSync(path)) return path;
  console.warn(
    `skipped the tests that need ${relative}: ${path} is absent (the shared sample data is not beside this checkout)`,
  );
  return null;
}
