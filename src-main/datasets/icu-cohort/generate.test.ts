import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MIMIC3_TABLE_COLUMNS,
  MIMIC3_TABLE_NAMES,
  runMimic3Pipeline,
  type Mimic3Cohort,
  type Mimic3Stay,
} from '../../formats/mimic3';
import { generateIcuCohort } from '.';

const scratch = mkdtempSync(join(tmpdir(), 'icu-cohort-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generateIcuCohort', () => {
  it('writes the same bytes for a seed, and other bytes for another seed', async () => {
    const first = await generateIcuCohort({ seed: 11, stays: 12, outDir: join(scratch, 'seed-11-a') });
    const again = await generateIcuCohort({ seed: 11, stays: 12, outDir: join(scratch, 'seed-11-b') });
    const other = await generateIcuCohort({ seed: 12, stays: 12, outDir: join(scratch, 'seed-12') });
    for (const table of MIMIC3_TABLE_NAMES) {
      expect(readFileSync(first.files[table]).equals(readFileSync(again.files[table])), table).toBe(true);
    }
    expect(readFileSync(first.files.CHARTEVENTS).equals(readFileSync(other.files.CHARTEVENTS))).toBe(false);
    expect(first.icuStays).toBe(12);
    expect(first.rows.ICUSTAYS).toBe(12);
  });

  it('writes gzip tables with the MIMIC-III v1.4 columns that the pipeline reads', async () => {
    const outDir = join(scratch, 'gzip');
    const summary = await generateIcuCohort({ seed: 5, stays: 10, outDir, gzip: true });
    for (const table of MIMIC3_TABLE_NAMES) {
      expect(summary.files[table].endsWith(`${table}.csv.gz`)).toBe(true);
      const header = gunzipSync(readFileSync(summary.files[table])).toString('utf8').split('\n')[0];
      expect(header).toBe(MIMIC3_TABLE_COLUMNS[table].map((column) => `"${column}"`).join(','));
    }
    const cohort = await runMimic3Pipeline(outDir);
    expect(cohort.stays.length).toBeGreaterThan(0);
  });
});

describe('a generated cohort of 300 ICU stays in the 48-hour mortality pipeline', async () => {
  const outDir = join(scratch, 'cohort');
  const summary = await generateIcuCohort({ seed: 2024, stays: 300, outDir });
  const cohort = await runMimic3Pipeline(outDir);
  const slot = (name: string): number => cohort.features.findIndex((f) => f.name === name);

  it('goes through the pipeline: most stays of ≥ 48 h kept, a plausible ICU mortality', () => {
    expect(summary.icuStays).toBe(300);
    expect(cohort.cohortStays).toBeGreaterThan(150);
    expect(cohort.cohortStays).toBeLessThan(300);
    expect(cohort.stays.length).toBeGreaterThanOrEqual(0.95 * cohort.cohortStays);
    const mortality = cohort.stays.filter((s) => s.label === 1).length / cohort.stays.length;
    expect(mortality).toBeGreaterThan(0.1);
    expect(mortality).toBeLessThan(0.35);
    expect(cohort.stays.some((s) => !s.firstIcuStay)).toBe(true);
    expect(new Set(cohort.stays.map((s) => s.firstCareUnit)).size).toBe(5);
    expect(cohort.itemLabels.get(220045)).toBe('Heart Rate');
    expect(cohort.itemLabels.get(50912)).toBe('Creatinine');
  });

  it('charts physiological values: vitals and labs in their clinical ranges, Fahrenheit read as Celsius', () => {
    const ranges: Record<string, [number, number]> = {
      HeartRate: [35, 180],
      SysBP: [40, 250],
      DiasBP: [10, 140],
      MeanBP: [35, 140],
      RespRate: [6, 45],
      SpO2: [70, 100],
      Temp: [34, 41.5],
      Glucose: [40, 450],
      CREATININE: [0.2, 14],
      SODIUM: [118, 165],
      POTASSIUM: [2.2, 7.5],
      PLATELET: [5, 900],
      age: [18, 98],
    };
    for (const [name, [low, high]] of Object.entries(ranges)) {
      const values = observedValues(cohort, slot(name));
      expect(values.length, name).toBeGreaterThan(0);
      expect(Math.min(...values), name).toBeGreaterThanOrEqual(low);
      expect(Math.max(...values), name).toBeLessThanOrEqual(high);
    }
    const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    expect(median(observedValues(cohort, slot('Temp')))).toBeCloseTo(37, 0);
    expect(median(observedValues(cohort, slot('HeartRate')))).toBeGreaterThan(70);
  });

  it('has realistic missingness: hourly vitals mostly charted, glucose sparse or absent, labs daily', () => {
    const observedShare = (name: string): number => {
      const s = slot(name);
      const seen = cohort.stays.reduce(
        (n, stay) => n + stay.observed.subarray(s * 48, s * 48 + 48).reduce((a, b) => a + b, 0),
        0,
      );
      return seen / (48 * cohort.stays.length);
    };
    expect(observedShare('HeartRate')).toBeGreaterThan(0.7);
    expect(observedShare('HeartRate')).toBeLessThan(1);
    expect(observedShare('Temp')).toBeLessThan(0.35);
    expect(observedShare('Glucose')).toBeLessThan(0.25);
    expect(observedShare('CREATININE')).toBeLessThan(0.1);
    const neverGlucose = cohort.stays.filter((stay) => stay.values[slot('Glucose') * 48] === 0);
    expect(neverGlucose.length).toBeGreaterThan(0);
  });

  it('makes ICU death depend on the physiology a model can see', () => {
    const lastHalfDay = (stay: Mimic3Stay, name: string): number => windowMean(stay, slot(name), 36, 48);
    const byLabel = (label: 0 | 1, name: string): number => {
      const stays = cohort.stays.filter((s) => s.label === label);
      return stays.reduce((sum, s) => sum + lastHalfDay(s, name), 0) / stays.length;
    };
    expect(byLabel(1, 'MeanBP')).toBeLessThan(byLabel(0, 'MeanBP') - 3);
    expect(byLabel(1, 'HeartRate')).toBeGreaterThan(byLabel(0, 'HeartRate') + 3);
    expect(byLabel(1, 'SpO2')).toBeLessThan(byLabel(0, 'SpO2'));
    expect(byLabel(1, 'age')).toBeGreaterThan(byLabel(0, 'age'));

    // A logistic regression on first- and last-12-hour means, scored out of fold (5 folds).
    const names = ['HeartRate', 'MeanBP', 'SpO2', 'RespRate', 'CREATININE', 'BUN', 'BICARBONATE', 'PLATELET', 'age'];
    const rows = cohort.stays.map((stay) =>
      names.flatMap((name) => [windowMean(stay, slot(name), 0, 12), windowMean(stay, slot(name), 36, 48)]),
    );
    const labels = cohort.stays.map((s) => s.label);
    const scores = outOfFoldLogisticScores(standardise(rows), labels, 5);
    expect(areaUnderRoc(scores, labels)).toBeGreaterThan(0.75);
  });
});

function observedValues(cohort: Mimic3Cohort, slot: number): number[] {
  return cohort.stays.flatMap((stay) =>
    Array.from(stay.values.subarray(slot * 48, slot * 48 + 48)).filter(
      (_, t) => stay.observed[slot * 48 + t] === 1 || cohort.features[slot]?.kind === 'demographic',
    ),
  );
}

function windowMean(stay: Mimic3Stay, slot: number, from: number, to: number): number {
  return stay.values.subarray(slot * 48 + from, slot * 48 + to).reduce((a, b) => a + b, 0) / (to - from);
}

function standardise(rows: number[][]): number[][] {
  const width = rows[0]?.length ?? 0;
  const columns = Array.from({ length: width }, (_, k) => rows.map((row) => row[k] ?? 0));
  const stats = columns.map((column) => {
    const mean = column.reduce((a, b) => a + b, 0) / column.length;
    const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length) || 1;
    return { mean, sd };
  });
  return rows.map((row) => row.map((value, k) => (value - (stats[k]?.mean ?? 0)) / (stats[k]?.sd ?? 1)));
}

/** Logistic regression by batch gradient descent; each stay is scored by the model fitted without its fold. */
function outOfFoldLogisticScores(rows: number[][], labels: number[], folds: number): number[] {
  const scores = new Array<number>(rows.length).fill(0);
  const linear = (weights: number[], row: number[]): number =>
    row.reduce((sum, value, k) => sum + value * (weights[k + 1] ?? 0), weights[0] ?? 0);
  for (let fold = 0; fold < folds; fold += 1) {
    const train = rows.map((_, i) => i).filter((i) => i % folds !== fold);
    const weights = new Array<number>((rows[0]?.length ?? 0) + 1).fill(0);
    for (let step = 0; step < 300; step += 1) {
      const gradient = new Array<number>(weights.length).fill(0);
      for (const i of train) {
        const row = rows[i] ?? [];
        const error = 1 / (1 + Math.exp(-linear(weights, row))) - (labels[i] ?? 0);
        gradient[0] = (gradient[0] ?? 0) + error;
        row.forEach((value, k) => (gradient[k + 1] = (gradient[k + 1] ?? 0) + error * value));
      }
      weights.forEach((w, k) => (weights[k] = w - (0.5 * (gradient[k] ?? 0)) / train.length));
    }
    rows.forEach((row, i) => {
      if (i % folds === fold) scores[i] = linear(weights, row);
    });
  }
  return scores;
}

/** The probability that a random death scores above a random survivor (ties count half). */
function areaUnderRoc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((death, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((survivor, j) => {
      if (labels[j] !== 0) return;
      pairs += 1;
      wins += death > survivor ? 1 : death === survivor ? 0.5 : 0;
    });
  });
  return wins / pairs;
}
