import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { insertRecord, openStudy, type NewRecord, type Study } from '../../src-main/store';

export interface TempStudy {
  path: string;
  dir: string;
  remove(): void;
}

/** Two ECG records and one ICU stay, shaped like what the importers produce. */
export const sampleRecords: readonly NewRecord[] = [
  {
    name: '100',
    source: 'wfdb',
    patientExternalId: 'mitdb-100',
    startTime: null,
    frameRateHz: 360,
    sampleCount: 650000,
    sourcePath: '100.hea',
    channels: [
      {
        name: 'MLII',
        units: 'mV',
        gain: 200,
        baseline: 1024,
        adcResolution: 11,
        samplingRateHz: 360,
        sampleCount: 650000,
      },
      {
        name: 'V5',
        units: 'mV',
        gain: 200,
        baseline: 1024,
        adcResolution: 11,
        samplingRateHz: 360,
        sampleCount: 650000,
      },
    ],
  },
  {
    name: 'test_generator',
    source: 'edf',
    patientExternalId: 'abcxyz99',
    startTime: '2011-04-04T12:57:02',
    frameRateHz: 200,
    sampleCount: 120000,
    sourcePath: 'test_generator.edf',
    channels: [
      {
        name: 'squarewave',
        units: 'uV',
        gain: 32.7675,
        baseline: 0,
        adcResolution: 16,
        samplingRateHz: 200,
        sampleCount: 120000,
      },
    ],
  },
  {
    name: 'stay-200001',
    source: 'mimic3',
    patientExternalId: '10006',
    startTime: '2164-10-23T21:10:15',
    frameRateHz: 1 / 3600,
    sampleCount: 48,
    sourcePath: null,
    channels: [
      {
        name: 'HEART RATE',
        units: 'bpm',
        gain: 1,
        baseline: 0,
        adcResolution: null,
        samplingRateHz: 1 / 3600,
        sampleCount: 48,
      },
    ],
  },
];

/** A study file in a fresh temporary folder, with `records` inserted through the store. */
export function createTempStudy(records: readonly NewRecord[] = sampleRecords): TempStudy {
  const dir = mkdtempSync(join(tmpdir(), 'salience-test-'));
  const path = join(dir, 'study.sqlite');
  const study = openStudy(path, { create: true });
  for (const record of records) insertRecord(study.db, record);
  study.close();
  return { path, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temp study with the sample records, opened before each test of the calling file and removed after it. */
export function openStudyPerTest(): { readonly study: Study; readonly temp: TempStudy } {
  let current: { study: Study; temp: TempStudy } | undefined;
  beforeEach(() => {
    const temp = createTempStudy();
    current = { temp, study: openStudy(temp.path) };
  });
  afterEach(() => {
    current?.study.close();
    current?.temp.remove();
    current = undefined;
  });
  const opened = (): { study: Study; temp: TempStudy } => {
    if (current === undefined) throw new Error('the study is open only inside a test');
    return current;
  };
  return {
    get study() {
      return opened().study;
    },
    get temp() {
      return opened().temp;
    },
  };
}
