import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIcuCohort } from '../../datasets/icu-cohort';
import { runMimic3Pipeline } from '../../formats/mimic3';
import type { Mimic3Cohort } from '../../formats/mimic3';
import type { LabelledWindows } from '../training/labelled-windows';
import { gru } from '../training/networks';
import type { ModelTrainingSpec } from '../training/train-model';
import type { ShippedModel } from './shipped-model';

/** Seeds apart from the demo study's cohort (2024): one cohort to train on, one held out. */
const TRAINING = { seed: 4101, stays: 900 };
const HELD_OUT = { seed: 4201, stays: 400 };
/** The last part of the training cohort early-stops training. */
const VALIDATION_FRACTION = 0.25;

/** A MIMIC-shaped cohort through the real 48-hour mortality pipeline (as the demo study imports it). */
async function cohort(plan: { seed: number; stays: number }): Promise<Mimic3Cohort> {
  const dir = mkdtempSync(join(tmpdir(), 'salience-icu-'));
  try {
    await generateIcuCohort({ ...plan, outDir: dir });
    return await runMimic3Pipeline(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stays as windows [48, 31] (time-major, physical units, imputed) with their ICU-death label. */
function staySet(from: Mimic3Cohort, first: number, end: number): LabelledWindows {
  const { steps } = from;
  const features = from.features.length;
  const stays = from.stays.slice(first, end);
  const windows = new Float32Array(stays.length * steps * features);
  stays.forEach((stay, n) => {
    for (let f = 0; f < features; f++) {
      for (let t = 0; t < steps; t++) windows[(n * steps + t) * features + f] = stay.values[f * steps + t] ?? 0;
    }
  });
  return { windows, targets: Float32Array.from(stays, (s) => s.label), count: stays.length };
}

export const icuMortalityGru: ShippedModel = {
  id: 'icu-mortality-gru',
  async heldOut() {
    const held = await cohort(HELD_OUT);
    return staySet(held, 0, held.stays.length);
  },
  async spec(): Promise<ModelTrainingSpec> {
    const [train, held] = await Promise.all([cohort(TRAINING), cohort(HELD_OUT)]);
    const split = Math.round(train.stays.length * (1 - VALIDATION_FRACTION));
    const deaths = train.stays.filter((s) => s.label === 1).length;
    return {
      description: {
        id: 'icu-mortality-gru',
        name: 'ICU mortality risk (GRU)',
        version: '1.0.0',
        task: 'binary-risk',
        classNames: ['survived', 'died'],
        input: {
          windowLength: train.steps,
          samplingRateHz: 1 / 3600,
          channels: train.features.map((f) => ({ name: f.name, units: f.units })),
        },
        trainingData: {
          description: `the first 48 hours of ${split} ICU stays of a seeded MIMIC-shaped cohort (seed ${TRAINING.seed}; ${deaths} of its ${train.stays.length} stays died in the ICU) through the MIMIC-III 48-hour mortality pipeline (as published), early-stopped on its last ${train.stays.length - split} stays`,
          samples: split,
        },
        licence: 'UNLICENSED',
        createdBy: 'salience train (Salience Workbench)',
      },
      filter: 'none',
      network: gru({ windowLength: train.steps, channels: train.features.length, outputs: 1 }, { hidden: 16 }),
      data: {
        train: staySet(train, 0, split),
        validation: staySet(train, split, train.stays.length),
        test: staySet(held, 0, held.stays.length),
        testDescription: `the ${held.stays.length} stays of a held-out MIMIC-shaped cohort (seed ${HELD_OUT.seed})`,
      },
      options: { epochs: 30, batchSize: 32, learningRate: 0.005, weightDecay: 1e-4, patience: 6, seed: 9 },
    };
  },
};
