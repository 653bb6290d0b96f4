import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUND_TRUTH_LABEL } from '../../api/method-names';
import { defaultStudyPath } from '../../app/paths';
import { listModels } from '../../models';
import { findRecord, listAnnotations, listRecords, openStudy, verifyAudit } from '../../store';
import { DEMO_ICU_STAYS } from './demo-sources';
import { createDemoStudy, ensureDefaultStudy } from './demo-study';

let home: string;
const previous = process.env.XDG_CONFIG_HOME;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'salience-demo-'));
  process.env.XDG_CONFIG_HOME = home;
});
afterAll(() => {
  if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = previous;
  rmSync(home, { recursive: true, force: true });
});

// Builds the whole demo study (three 30-minute records, the ICU cohort, two models): seconds, more on a busy machine.
describe('the demo study', { timeout: 120_000 }, () => {
  it('is created on first start as the default study, and only then', async () => {
    const path = await ensureDefaultStudy('tester');
    expect(path).toBe(defaultStudyPath());
    const created = statSync(path).mtimeMs;
    const study = openStudy(path);
    try {
      const records = listRecords(study.db);
      const ecg = records.filter((r) => r.source === 'synthetic');
      const icu = records.filter((r) => r.source === 'mimic3');
      expect(ecg.map((r) => r.name)).toEqual(['demo-ecg-01', 'demo-ecg-02', 'demo-ecg-03']);
      expect(ecg.every((r) => r.channelCount === 2 && r.samplingRateHz === 360)).toBe(true);
      // The 48-hour pipeline keeps only stays of 48 hours or more, so fewer than were generated.
      expect(icu.length).toBeGreaterThan(DEMO_ICU_STAYS / 4);
      expect(icu.length).toBeLessThanOrEqual(DEMO_ICU_STAYS);
      expect(icu.every((r) => r.channelCount === 31 && r.sampleCount === 48)).toBe(true);
      const symbols = new Set(listAnnotations(study.db, findRecord(study.db, 'demo-ecg-01').id).map((a) => a.symbol));
      expect([...symbols].sort()).toEqual(['+', 'A', 'N', 'V', GROUND_TRUTH_LABEL]);
      expect(listModels(study.db).map((m) => m.card.id)).toEqual(['ecg-beat-cnn', 'icu-mortality-gru']);
      // One audit row per imported record and per registered model.
      expect(verifyAudit(study.db)).toEqual({ ok: true, rows: records.length + 2 });
    } finally {
      study.close();
    }
    expect(await ensureDefaultStudy('tester')).toBe(path);
    expect(statSync(path).mtimeMs).toBe(created);
  });

  it('never overwrites an existing file', async () => {
    await expect(createDemoStudy(defaultStudyPath(), 'tester')).rejects.toThrow(/already exists/);
  });
});
