import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData, sharedDataDir } from '../../../test/support/sample-data';
import { formatMimicTime, HOUR_MS, MIMIC3_TABLE_COLUMNS, runMimic3Pipeline, selectMimic3Cohort } from '.';

// The MIMIC-III demo (ODbL) stays in /work/shared; see shared/data/MANIFEST.md and formats.md §2.3.
const demoDir = sharedData('mimic3-demo/ICUSTAYS.csv.gz') === null ? '' : join(sharedDataDir, 'mimic3-demo');
const demoPresent = demoDir !== '';

const scratch = mkdtempSync(join(tmpdir(), 'mimic3-demo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the MIMIC-III demo tables', () => {
  it.skipIf(!demoPresent)('give 68 ICU stays, 17 ICU deaths, split by care unit as in formats.md §2.3', async () => {
    const cohort = await selectMimic3Cohort(demoDir);
    expect(cohort).toHaveLength(68);
    expect(cohort.filter((s) => s.mortIcu === 1)).toHaveLength(17);
    const units = new Map<string, number>();
    for (const stay of cohort) units.set(stay.firstCareUnit ?? '', (units.get(stay.firstCareUnit ?? '') ?? 0) + 1);
    expect(Object.fromEntries(units)).toEqual({ MICU: 34, SICU: 14, CCU: 13, TSICU: 4, CSRU: 3 });
  });

  it.skipIf(!demoPresent)('run through the whole pipeline with a synthetic CHARTEVENTS', async () => {
    // The demo has no CHARTEVENTS: give every cohort stay a heart rate at INTIME + 10 min
    // (t0, on a bin edge) and then one at the middle of each of the first 47 bins.
    const stays = await selectMimic3Cohort(demoDir);
    const dir = mkdtempSync(join(scratch, 'tables-'));
    for (const name of readdirSync(demoDir)) symlinkSync(join(demoDir, name), join(dir, name));
    const header = MIMIC3_TABLE_COLUMNS.CHARTEVENTS.map((c) => `"${c}"`).join(',');
    const rows = stays.flatMap((stay) => {
      const t0 = stay.inTime + HOUR_MS / 6;
      const times = [t0, ...Array.from({ length: 47 }, (_, k) => t0 + (k + 0.5) * HOUR_MS)];
      return times.map((time, k) => {
        const value = k === 0 ? 80 : 80 + k - 1;
        const ids = `${stay.subjectId},${stay.hadmId},${stay.icustayId}`;
        return `${k},${ids},220045,${formatMimicTime(time)},,1,"${value}",${value},"bpm",0,0,,`;
      });
    });
    writeFileSync(join(dir, 'CHARTEVENTS.csv'), [header, ...rows].join('\n'));

    const cohort = await runMimic3Pipeline(dir);
    expect(cohort.stays).toHaveLength(68);
    expect(cohort.stays.filter((s) => s.label === 1)).toHaveLength(17);
    expect(cohort.trainCount).toBe(54);
    // MANIFEST.md: 36,261 LABEVENTS rows are in the 27 lab ITEMIDs of the pipeline.
    expect(cohort.rows.labEventsInItems).toBe(36_261);
    expect(cohort.rows.labEventsKept).toBeGreaterThan(1000);
    expect(cohort.itemLabels.get(220045)).toBe('Heart Rate');
    expect(cohort.itemLabels.get(223761)).toBe('Temperature Fahrenheit');
    expect(cohort.itemLabels.get(50912)).toBe('Creatinine');
    expect(cohort.itemLabels.get(51301)).toBe('White Blood Cells');

    const heartRate = [...Array.from({ length: 47 }, (_, k) => 80 + k), (80 + 126) / 2];
    for (const stay of cohort.stays) {
      expect(Array.from(stay.values.subarray(19 * 48, 20 * 48))).toEqual(heartRate);
      expect(stay.values.subarray(8 * 48, 9 * 48).every((v) => v === 0)).toBe(true);
      expect(stay.values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
    const withCreatinine = cohort.stays.filter((s) => s.values[4 * 48 + 47] !== 0);
    expect(withCreatinine.length).toBeGreaterThan(50);
    for (const stay of withCreatinine) expect(stay.values[4 * 48 + 47]).toBeLessThan(20);
  });
});
