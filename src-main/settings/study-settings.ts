import type Database from 'better-sqlite3';
import { defaultSettings, Settings, SettingsPatch } from '../api/contract';
import { listExecutionProviders, setSessionDefaults } from '../engine';
import { AppError } from '../errors';
import { explainers } from '../explain';
import { readSettingValues, writeSettingValues } from '../store';

/**
 * The study's settings with defaults for what was never saved. A stored value this version
 * cannot read (written by a newer one, say) falls back to its default instead of hiding the rest.
 */
export function readSettings(db: Database.Database): Settings {
  const stored = readSettingValues(db);
  const readable = Object.entries(stored).filter(([key, value]) => SettingsPatch.safeParse({ [key]: value }).success);
  return Settings.parse({ ...defaultSettings, ...Object.fromEntries(readable) });
}

/** Applies a partial update (audited, unchanged fields not written) and returns the settings as they now are. */
export function updateSettings(db: Database.Database, patch: SettingsPatch, actor: string): Settings {
  const next = Settings.parse({ ...readSettings(db), ...patch });
  const providers = listExecutionProviders()
    .filter((p) => p.status !== 'not-installed')
    .map((p) => p.name);
  if (patch.executionProvider !== undefined && !providers.includes(patch.executionProvider)) {
    throw new AppError(
      'invalid-request',
      `executionProvider: '${patch.executionProvider}' is not available here; available: ${providers.join(', ')}`,
    );
  }
  const known = explainers.map((e) => e.name);
  for (const method of [...(patch.defaultMethods ?? []), ...Object.keys(patch.methodParams ?? {})]) {
    if (!known.includes(method)) {
      throw new AppError('invalid-request', `'${method}' is not a method; expected one of: ${known.join(', ')}`);
    }
  }
  for (const [method, params] of Object.entries(patch.methodParams ?? {})) {
    explainers.find((e) => e.name === method)?.parseParams(params);
  }
  const changed = Object.fromEntries(Object.keys(patch).map((key) => [key, next[key as keyof Settings]]));
  writeSettingValues(db, changed, actor);
  return next;
}

/** Makes every program compiled from now on in this thread run where the study's settings say. */
export function applyEngineSettings(db: Database.Database): void {
  const { executionProvider, intraOpThreads } = readSettings(db);
  setSessionDefaults({ executionProvider, ...(intraOpThreads === null ? {} : { intraOpThreads }) });
}
