import { extname } from 'node:path';
import { parseArgs } from 'node:util';

/** What the app is asked to open: a study, and record files to import into it. */
export interface LaunchRequest {
  study: string | undefined;
  records: string[];
}

/** The extensions electron-builder.yml associates with the app. */
const studyExtensions = new Set(['.salience', '.sqlite']);
const recordExtensions = new Set(['.hea', '.edf', '.bdf']);

const isStudyFile = (path: string): boolean => studyExtensions.has(extname(path).toLowerCase());
export const isRecordFile = (path: string): boolean => recordExtensions.has(extname(path).toLowerCase());

/**
 * Reads `--study S` and the files the file associations pass: on the command line (Windows,
 * Linux) or in `open-file` events (macOS). Anything else on the command line (Chromium
 * switches) is ignored. `--study` wins over a study file; of several study files the first.
 */
export function launchRequest(args: readonly string[], openedFiles: readonly string[]): LaunchRequest {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { study: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const files = [...positionals, ...openedFiles];
  return {
    study: typeof values.study === 'string' ? values.study : files.find(isStudyFile),
    records: files.filter(isRecordFile),
  };
}
