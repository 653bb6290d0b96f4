/**
 * Test helpers for the WFDB tests (not used by the app): where the sample data is, and how to
 * read the WFDB C tools' expected-output files (formats.md §2.2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fixturesDir, sharedDataDir } from './sample-data';

/** Small sample files copied into the repository. */
export const fixtures = fixturesDir('wfdb');

export const sharedData = sharedDataDir;
export const sharedWfdb = join(sharedDataDir, 'wfdb');

/** The path of a sample file: the fixture copy when there is one, else the shared copy, else null. */
export function sampleFile(...parts: string[]): string | null {
  for (const base of [fixtures, sharedWfdb]) {
    const path = join(base, ...parts);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Like sampleFile, for tests that need a file only /work/shared has; prints why the test is skipped. */
export function sharedFile(...parts: string[]): string | null {
  const path = join(sharedWfdb, ...parts);
  if (existsSync(path)) return path;
  console.log(`skipped: ${path} is absent (large sample files stay in the shared data folder)`);
  return null;
}

/** An rdsamp output table: rows of numbers, '-' read as NaN; .gz files are gunzipped. */
export function readTarget(path: string): number[][] {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      line
        .trim()
        .split(/\s+/)
        .map((cell) => (cell === '-' ? NaN : Number(cell))),
    );
}

export interface TargetAnnotation {
  sample: number;
  symbol: string;
  subtype: number;
  chan: number;
  num: number;
  aux: string;
}

/** An rdann output: time, sample, symbol, subtype, chan, num, then a TAB and the aux text. */
export function readAnnotationTarget(path: string): TargetAnnotation[] {
  return readFileSync(path, 'latin1')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const left = (tab < 0 ? line : line.slice(0, tab)).trim().split(/\s+/);
      const [, sample, symbol, subtype, chan, num] = left;
      return {
        sample: Number(sample),
        symbol: symbol ?? '',
        subtype: Number(subtype),
        chan: Number(chan),
        num: Number(num),
        aux: tab < 0 ? '' : line.slice(tab + 1),
      };
    });
}

/** Expects two numbers to agree: both NaN, or within `tolerance`. */
export function sameValue(actual: number, expected: number, tolerance: number): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  return Math.abs(actual - expected) <= tolerance;
}
