import type { Study } from '../store';
import { importSources, type ImportedRecord, type SourceToImport } from './import-sources';
import { openSources, type ImportFormat } from './open-sources';

/** Opens every path and imports what they hold in one transaction: all or nothing. */
export async function importFiles(
  study: Study,
  paths: readonly string[],
  format: ImportFormat,
  actor: string,
): Promise<ImportedRecord[]> {
  const opened: SourceToImport[] = [];
  try {
    for (const path of paths) opened.push(...(await openSources(path, format)));
    return importSources(study, opened, actor);
  } finally {
    for (const { source } of opened) source.close();
  }
}
