import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { FormatError } from '../format-error';
import {
  MIMIC3_FEATURES,
  normalisedWindow,
  runMimic3Pipeline,
  selectMimic3Cohort,
  type Mimic3Cohort,
  type Mimic3Stay,
} from '.';

// Hand-written tables; test/fixtures/mimic3/README.md explains every row and expected value.
const fixtureDir = fileURLToPath(new URL('../../../test/fixtures/mimic3/', import.meta.url));
const tablesDir = join(fixtureDir, 'tables');
const scratch = mkdtempSync(join(tmpdir(), 'mimic3-pipeline-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A tables folder made of the fixture tables, with some replaced or left out. */
function tablesWith(replace: Record<string, string | null>): string {
  const dir = mkdtempSync(join(scratch, 'tables-'));
  const tables = ['PATIENTS.csv', 'ADMISSIONS.csv', 'ICUSTAYS.csv', 'CHARTEVENTS.csv', 'labevents.csv'];
  for (const table of tables) {
    const source = table in replace ? replace[table] : join(tablesDir, table);
    if (source !== null && source !== undefined) symlinkSync(source, join(dir, table));
  }
  return dir;
}

function featureSeries(cohort: Mimic3Cohort, stay: Mimic3Stay, name: string): number[] {
  const slot = cohort.features.findIndex((f) => f.name === name);
  expect(slot, name).toBeGreaterThanOrEqual(0);
  return Array.from(stay.values.subarray(slot * 48, (slot + 1) * 48));
}

/** 48 values of `fill`, with the given bins set. */
function bins(fill: number, set: Record<number, number> = {}): number[] {
  return Array.from({ length: 48 }, (_, t) => set[t] ?? fill);
}

function expectSeries(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(48);
  actual.forEach((value, t) => expect(value, `bin ${t}`).toBeCloseTo(expected[t] ?? NaN, 9));
}

function stayById(cohort: Mimic3Cohort, icustayId: number): Mimic3Stay {
  const stay = cohort.stays.find((s) => s.icustayId === icustayId);
  if (stay === undefined) throw new Error(`stay ${icustayId} missing`);
  return stay;
}

describe('cohort selection', () => {
  it('keeps adult stays of ≥ 48 whole hours, age < 300, with chart data, ordered by subject', async () => {
    const cohort = await selectMimic3Cohort(tablesDir);
    expect(cohort.map((s) => s.icustayId)).toEqual([300001, 300002, 300003, 300008, 300009]);
    expect(cohort.map((s) => s.mortIcu)).toEqual([0, 0, 1, 0, 0]);
    expect(cohort.map((s) => s.firstIcuStay)).toEqual([true, true, false, true, true]);
    expect(cohort.map((s) => s.ageYears)).toEqual([65.3479, 49.7151, 60.0493, 48.2795, 55.1616]);
    expect(cohort.map((s) => s.ethnicityCode)).toEqual([1, 3, 4, 2, 5]);
    expect(cohort.map((s) => s.losIcuHours)).toEqual([48, 72, 72, 72, 72]);
  });
});

describe('the 48-hour mortality pipeline on the hand-written tables (as published)', async () => {
  const cohort = await runMimic3Pipeline(tablesDir);
  const [first, second, third] = [300001, 300002, 300003].map((id) => stayById(cohort, id)) as [
    Mimic3Stay,
    Mimic3Stay,
    Mimic3Stay,
  ];

  it('drops the stay without vitals and the stay whose only heart rate sits on t0', () => {
    expect(cohort.cohortStays).toBe(5);
    expect(cohort.stays.map((s) => s.icustayId)).toEqual([300001, 300002, 300003]);
    expect(cohort.dropped).toEqual([
      { icustayId: 300008, reason: 'no-vitals', vitals: [] },
      { icustayId: 300009, reason: 'vital-never-binned', vitals: ['HeartRate'] },
    ]);
    expect(cohort.stays.map((s) => s.label)).toEqual([0, 0, 1]);
  });

  it('has the 31 published features, the merged hemoglobin/lactate slot at 8', () => {
    expect(cohort.features).toEqual(MIMIC3_FEATURES);
    expect(cohort.features).toHaveLength(31);
    expect(cohort.features.map((f) => f.name).slice(7, 10)).toEqual(['HEMATOCRIT', 'HEMOGLOBINLACTATE', 'MAGNESIUM']);
    expect(cohort.features.map((f) => f.name).slice(19)).toEqual([
      'HeartRate',
      'SysBP',
      'DiasBP',
      'MeanBP',
      'RespRate',
      'SpO2',
      'Glucose',
      'Temp',
      'gender',
      'age',
      'ethnicity',
      'first_icu_stay',
    ]);
  });

  it('starts the bins at the first vital, not at INTIME', () => {
    expect(new Date(first.binOrigin).toISOString()).toBe('2165-06-01T10:15:00.000Z');
    expect(new Date(second.binOrigin).toISOString()).toBe('2170-03-10T08:30:00.000Z');
  });

  it('bins vitals in open hours, skips edge, error, out-of-range and out-of-window rows, imputes the stay mean', () => {
    expectSeries(featureSeries(cohort, first, 'HeartRate'), bins(100, { 0: 95, 1: 110, 3: 125, 47: 70 }));
    expectSeries(featureSeries(cohort, first, 'SpO2'), bins(98, { 0: 96, 1: 100 }));
    expectSeries(featureSeries(cohort, second, 'MeanBP'), bins(65, { 1: 75, 11: 55 }));
    expectSeries(featureSeries(cohort, second, 'HeartRate'), bins(88));
    expectSeries(featureSeries(cohort, second, 'RespRate'), bins(18));
    expectSeries(featureSeries(cohort, second, 'Glucose'), bins(140));
    expectSeries(featureSeries(cohort, third, 'HeartRate'), bins(106, { 0: 104, 1: 108 }));
  });

  it('converts Fahrenheit to Celsius and mixes both scales in one bin', () => {
    expectSeries(featureSeries(cohort, first, 'Temp'), bins(38.25, { 0: 37.5, 24: 39 }));
  });

  it('leaves a vital without rows at 0', () => {
    expectSeries(featureSeries(cohort, first, 'SysBP'), bins(0));
    expectSeries(featureSeries(cohort, second, 'DiasBP'), bins(0));
  });

  it('forward-fills labs, back-fills the first value, and ignores labs before t0 or outside the window', () => {
    expectSeries(featureSeries(cohort, first, 'SODIUM'), bins(140));
    expectSeries(
      featureSeries(cohort, first, 'PLATELET'),
      bins(180, Object.fromEntries(Array.from({ length: 24 }, (_, t) => [t, 250]))),
    );
    expectSeries(featureSeries(cohort, first, 'CREATININE'), bins(0));
    expectSeries(featureSeries(cohort, second, 'CREATININE'), bins(1.8, { 0: 1.2, 1: 1.2, 2: 1.2, 3: 1.2, 4: 1.2 }));
    expectSeries(
      featureSeries(cohort, second, 'SODIUM'),
      bins(136, Object.fromEntries(Array.from({ length: 11 }, (_, t) => [t, 140]))),
    );
    expectSeries(featureSeries(cohort, second, 'BICARBONATE'), bins(0));
    expectSeries(featureSeries(cohort, third, 'CREATININE'), bins(0));
  });

  it('turns a lab above its cap into NULL without counting it in the bin mean', () => {
    expectSeries(featureSeries(cohort, second, 'POTASSIUM'), bins(4));
  });

  it('keeps the merged HEMOGLOBINLACTATE slot at 0 although both labs were measured', () => {
    for (const stay of cohort.stays) expectSeries(featureSeries(cohort, stay, 'HEMOGLOBINLACTATE'), bins(0));
  });

  it('fills a lab whose only row sits on t0 with the published feature/time-mixing column mean', () => {
    // README: column 0 of x_lab.reshape(-1, 19) holds 131 non-NaN entries summing to 136.
    expectSeries(featureSeries(cohort, third, 'ANION GAP'), bins(136 / 131));
  });

  it('repeats the demographics over the 48 steps', () => {
    const demographics = (stay: Mimic3Stay): number[] =>
      ['gender', 'age', 'ethnicity', 'first_icu_stay'].map((name) => featureSeries(cohort, stay, name)[47] ?? NaN);
    expect(demographics(first)).toEqual([1, 65, 1, 1]);
    expect(demographics(second)).toEqual([0, 49, 3, 1]);
    expect(demographics(third)).toEqual([1, 60, 4, 0]);
    expectSeries(featureSeries(cohort, second, 'age'), bins(49));
  });

  it('counts the empty bins of measured variables as the published nan_map does', () => {
    const nan = (stay: Mimic3Stay, name: string): number =>
      stay.nanMap[cohort.features.findIndex((f) => f.name === name)] ?? NaN;
    expect(['HeartRate', 'SysBP', 'Temp', 'SpO2', 'SODIUM', 'PLATELET'].map((n) => nan(first, n))).toEqual([
      44, 0, 46, 46, 47, 46,
    ]);
    const heartRateSlot = 19;
    const observedBins = [...first.observed.subarray(heartRateSlot * 48, heartRateSlot * 48 + 48)]
      .map((o, t) => (o === 1 ? t : -1))
      .filter((t) => t >= 0);
    expect(observedBins).toEqual([0, 1, 3, 47]);
  });

  it('splits 80/20 in cohort order and normalises with training statistics', () => {
    expect(cohort.trainCount).toBe(2);
    expect(cohort.stays.map((s) => s.split)).toEqual(['train', 'train', 'test']);
    const { mean, stdPopulation, stdSample } = cohort.normalisation;
    expect(mean[19]).toBeCloseTo(94, 12);
    expect(stdPopulation[19]).toBeCloseTo(Math.sqrt(5106 / 96), 12);
    expect(stdSample[19]).toBeCloseTo(Math.sqrt(5106 / 95), 12);
    expect([mean[8], stdPopulation[8]]).toEqual([0, 0]);
    for (const convention of ['time_interpret', 'fit'] as const) {
      const window = normalisedWindow(first.values, cohort.normalisation, convention);
      expect(window).toHaveLength(48 * 31);
      expect(window[8]).toBe(0);
      const std = convention === 'fit' ? Math.sqrt(5106 / 96) : Math.sqrt(5106 / 95) + 1e-5;
      expect(window[5 * 31 + 19]).toBeCloseTo((100 - 94) / std, 5);
    }
  });

  it('streams only the rows it needs', () => {
    expect(cohort.rows).toEqual({
      chartEventsInItems: 45,
      chartEventsKept: 33,
      labEventsInItems: 20,
      labEventsKept: 13,
    });
  });

  it('exposes each stay as an hourly SourceRecord in physical units', () => {
    const record = first.record;
    expect(record.format).toBe('mimic3');
    expect(record.patientId).toBe('101');
    expect(record.startTime).toBe('2165-06-01T10:00:00.000Z');
    expect(record.frameCount).toBe(48);
    expect(record.frameRateHz).toBeCloseTo(1 / 3600, 15);
    expect(record.channels).toHaveLength(31);
    expect(record.channels[26]).toMatchObject({ name: 'Temp', units: '°C', gain: 1, baseline: 0, sampleCount: 48 });
    expect(record.info).toContain('mort_icu: 0');
    expect(third.record.info).toContain('mort_icu: 1');
    expect(Array.from(record.readSamples(19, 0, 4))).toEqual([95, 110, 100, 125]);
    expect(() => record.readSamples(31, 0, 1)).toThrow(AppError);
    expect(() => record.readSamples(0, 40, 9)).toThrow(AppError);
  });
});

describe('the fixed mode', async () => {
  const cohort = await runMimic3Pipeline(tablesDir, { mode: 'fixed' });

  it('keeps hemoglobin and lactate apart and bins [t, t + 1 h) from INTIME', () => {
    expect(cohort.features).toHaveLength(32);
    expect(cohort.features.map((f) => f.name).slice(7, 11)).toEqual([
      'HEMATOCRIT',
      'HEMOGLOBIN',
      'LACTATE',
      'MAGNESIUM',
    ]);
    // The heart rate on 300009's first vital sits at INTIME + 10 min, inside bin 0 now.
    expect(cohort.stays.map((s) => s.icustayId)).toEqual([300001, 300002, 300003, 300009]);
    const first = stayById(cohort, 300001);
    const second = stayById(cohort, 300002);
    expect(first.binOrigin).toBe(first.inTime);
    expectSeries(featureSeries(cohort, first, 'HeartRate'), bins(119, { 0: 85, 1: 150, 2: 110, 3: 120, 4: 130 }));
    expectSeries(featureSeries(cohort, second, 'MeanBP'), bins(65, { 0: 70, 1: 70, 11: 55 }));
    expectSeries(featureSeries(cohort, second, 'HEMOGLOBIN'), bins(10.1));
    expectSeries(featureSeries(cohort, second, 'LACTATE'), bins(4));
    expectSeries(featureSeries(cohort, stayById(cohort, 300003), 'ANION GAP'), bins(14));
  });
});

describe('long runs', () => {
  it('report progress per table and stop when cancelled', async () => {
    const progress: { table: string; rows: number }[] = [];
    await runMimic3Pipeline(tablesDir, { onProgress: (p) => progress.push(p) });
    expect(progress).toContainEqual({ table: join(tablesDir, 'CHARTEVENTS.csv'), rows: 46 });
    expect(progress).toContainEqual({ table: join(tablesDir, 'labevents.csv'), rows: 20 });
    const controller = new AbortController();
    controller.abort();
    const error = await runMimic3Pipeline(tablesDir, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});

describe('bad tables', () => {
  it('reports a bad cell in CHARTEVENTS with file, line and column', async () => {
    const dir = tablesWith({ 'CHARTEVENTS.csv': join(fixtureDir, 'bad', 'CHARTEVENTS-bad-VALUENUM.csv') });
    const error = await runMimic3Pipeline(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ file: join(dir, 'CHARTEVENTS.csv'), location: { line: 5, column: 10 } });
    expect((error as FormatError).message).toContain('CHARTEVENTS.csv:5:10: column 10 (VALUENUM): expected a number');
  });

  it('reports a missing column of ICUSTAYS with the header line', async () => {
    const dir = tablesWith({ 'ICUSTAYS.csv': join(fixtureDir, 'bad', 'ICUSTAYS-without-OUTTIME.csv') });
    const error = await runMimic3Pipeline(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ kind: 'bad-input', location: { line: 1 } });
    expect((error as FormatError).message).toMatch(/ICUSTAYS\.csv:1: missing required column OUTTIME/);
  });

  it('says which table is missing', async () => {
    const error = await runMimic3Pipeline(tablesWith({ 'CHARTEVENTS.csv': null })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'not-found' });
    expect((error as AppError).message).toContain('CHARTEVENTS');
  });
});
