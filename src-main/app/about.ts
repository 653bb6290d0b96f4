import Database from 'better-sqlite3';
import type { AboutInfo } from '../api/contract';
import { listExecutionProviders, onnxRuntimeVersion } from '../engine';
import { appName, appVersion } from './identity';

export type Shell = AboutInfo['shell'];

/** Versions of everything the analyst may need to quote in a report or a bug. */
export function collectAbout(shell: Shell): AboutInfo {
  const versions: Partial<Record<string, string>> = process.versions;
  return {
    appName,
    appVersion,
    shell,
    electronVersion: versions['electron'] ?? null,
    chromeVersion: versions['chrome'] ?? null,
    nodeVersion: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    sqliteVersion: sqliteVersion(),
    onnxRuntime: { version: onnxRuntimeVersion(), executionProviders: listExecutionProviders() },
  };
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}
