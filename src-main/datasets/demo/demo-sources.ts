import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceToImport } from '../../formats';
import { runMimic3Pipeline } from '../../formats/mimic3';
import { generateEcg, syntheticEcgRecord, type EcgOptions } from '../ecg-synth';
import { generateIcuCohort } from '../icu-cohort';

/**
 * The demo study's content: synthetic ECG records with beat annotations (rhythms an analyst
 * recognises, with PVCs and APCs to explain) and a MIMIC-shaped ICU cohort that goes through
 * the real MIMIC-III importer. Everything is seeded, so every demo study is the same.
 */
const ecgRecords: readonly { name: string; patient: string; options: Omit<EcgOptions, 'seed'> }[] = [
  {
    name: 'demo-ecg-01',
    patient: 'demo-p01',
    options: { durationSec: 30 * 60, heartRateBpm: 72, pvcFraction: 0.04, apcFraction: 0.03 },
  },
  {
    name: 'demo-ecg-02',
    patient: 'demo-p02',
    options: { durationSec: 30 * 60, heartRateBpm: 64, pvcFraction: 0.1, apcFraction: 0.01, noiseMv: 0.03 },
  },
  {
    name: 'demo-ecg-03',
    patient: 'demo-p03',
    options: { durationSec: 10 * 60, heartRateBpm: 88, pvcFraction: 0.01, apcFraction: 0.08, heartRateStdBpm: 3 },
  },
];

export const DEMO_ICU_STAYS = 120;

export interface DemoSources {
  items: SourceToImport[];
  /** Removes the generated MIMIC-III tables once the import is done. */
  cleanup(): void;
}

export async function demoSources(seed: number): Promise<DemoSources> {
  const items: SourceToImport[] = ecgRecords.map((record, index) => ({
    path: `synthetic:${record.name}`,
    source: syntheticEcgRecord(generateEcg({ ...record.options, seed: seed + index }), record.name, record.patient),
  }));
  const tablesDir = mkdtempSync(join(tmpdir(), 'salience-demo-icu-'));
  try {
    await generateIcuCohort({ seed, stays: DEMO_ICU_STAYS, outDir: tablesDir });
    const cohort = await runMimic3Pipeline(tablesDir);
    for (const stay of cohort.stays) items.push({ path: 'synthetic:icu-cohort', source: stay.record });
  } catch (error) {
    rmSync(tablesDir, { recursive: true, force: true });
    throw error;
  }
  return { items, cleanup: () => rmSync(tablesDir, { recursive: true, force: true }) };
}
