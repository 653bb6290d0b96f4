import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../app/app-root';
import { AppError } from '../errors';
import { planBench } from './bench-plan';
import type { ExplainBenchOptions } from './bench-plan';
import { runSplit } from './paper-runs';

const root = mkdtempSync(join(tmpdir(), 'explain-bench-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = (given: Partial<ExplainBenchOptions>): ExplainBenchOptions => ({
  dataset: 'rare-time',
  methods: ['fo'],
  runs: 5,
  size: 'quick',
  root,
  ...given,
});

function refusal(given: Partial<ExplainBenchOptions>): AppError {
  try {
    planBench(options(given));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planBench', () => {
  it("takes the Rare sets' methods in the order given, with the paper's settings", () => {
    const plan = planBench(options({ dataset: 'rare-observation', methods: ['extrmask', 'integrated-gradients'] }));
    expect(plan.methods.map((m) => m.name)).toEqual(['extrmask', 'integrated-gradients']);
    // ExtrMask's Rare-Observation run used batches of 50 (spec §1.4).
    expect(plan.methods[0]?.setting.params).toEqual({ preset: 'rare-observation' });
    expect(plan.metrics.names).toEqual(['AUP', 'AUR', 'I', 'S']);
    expect(plan.metrics.units).toEqual({ I: 1e4, S: 1e2 });
  });

  it.each<[string, Partial<ExplainBenchOptions>, RegExp]>([
    ['an unknown dataset', { dataset: 'rare' }, /dataset 'rare': expected one of rare-time, .*ecg-synth/],
    ['no runs', { runs: 0 }, /runs: expected a positive whole number, got 0/],
    ['a negative first run', { firstRun: -1 }, /first run: expected a whole number from 0, got -1/],
    ['no methods', { methods: [] }, /methods: expected at least one method/],
    ['a method named twice', { methods: ['fo', 'afo', 'fo'] }, /methods: 'fo' is named twice/],
    [
      'a method the paper did not run on the dataset',
      { methods: ['gradient-shap'] },
      /method 'gradient-shap': rare-time has paper settings for fo, afo, integrated-gradients, dynamask, extrmask, contralsp/,
    ],
  ])('refuses %s', (_, given, message) => {
    const error = refusal(given);
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toMatch(message);
  });

  it('refuses a classifier set whose trained black box is missing for a run, naming the file', () => {
    const folder = join(root, 'models', 'benchmarks', 'state');
    expect(refusal({ dataset: 'state' }).message).toBe(
      `state: no black box for run 1: ${join(folder, 'fold-0.onnx')} does not exist (the state GRU classifier of fold k (ContraLSP §4.2: logits at every step, (B, T, 2)) is trained into models/benchmarks/state/fold-<k>.onnx)`,
    );
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'fold-0.onnx'), '');
    const error = refusal({ dataset: 'state', runs: 2 });
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(`no black box for run 2: ${join(folder, 'fold-1.onnx')} does not exist`);
    // A table started later needs only its own runs' black boxes; by default a table has the paper's 5 runs.
    expect(refusal({ dataset: 'state', runs: undefined }).message).toContain('no black box for run 2:');
    expect(planBench(options({ dataset: 'state', runs: 1 })).firstRun).toBe(0);
    expect(refusal({ dataset: 'state', firstRun: 1, runs: 1 }).message).toContain('no black box for run 2:');
  });

  it("runs LowVar's table on the splits its paper row pools (1, 2, 3 and 5: ours 0, 1, 2, 4), 4 by default", () => {
    const folder = join(root, 'models', 'benchmarks', 'lowvar');
    mkdirSync(folder, { recursive: true });
    for (const split of [0, 1, 2]) writeFileSync(join(folder, `split-${split}.onnx`), '');
    // Split 3 is not needed; the 4th run's black box is split 4's.
    expect(refusal({ dataset: 'lowvar', methods: ['timexpp'], runs: undefined }).message).toContain(
      `lowvar: no black box for run 4: ${join(folder, 'split-4.onnx')} does not exist`,
    );
    writeFileSync(join(folder, 'split-4.onnx'), '');
    expect(planBench(options({ dataset: 'lowvar', methods: ['timexpp'], runs: undefined })).runs).toBe(4);
    expect(planBench(options({ dataset: 'lowvar', methods: ['timexpp'], firstRun: 3, runs: 1 })).firstRun).toBe(3);
    const past = refusal({ dataset: 'lowvar', methods: ['timexpp'], firstRun: 2, runs: 3 });
    expect(past.kind).toBe('invalid-request');
    expect(past.message).toMatch(/lowvar: its Table 1 row pools 4 runs .*; runs 3–5 go past them/);
    expect([0, 1, 2, 3].map((run) => runSplit('lowvar', run))).toEqual([0, 1, 2, 4]);
    expect([0, 1, 2, 3, 4].map((run) => runSplit('freqshapes', run))).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses TimeX++'s sets without their transformer classifiers, and with them the methods Table 1 has no row for", () => {
    const error = refusal({ dataset: 'seqcomb-mv' });
    expect(error.kind).toBe('not-found');
    expect(error.message).toMatch(
      /seqcomb-mv\/split-0\.onnx does not exist \(TimeX\+\+'s transformer classifier for seqcomb-mv/,
    );
    const folder = join(root, 'models', 'benchmarks', 'seqcomb-mv');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'split-0.onnx'), '');
    expect(refusal({ dataset: 'seqcomb-mv', runs: 1 }).message).toBe(
      "method 'fo': seqcomb-mv has paper settings for timexpp, timex",
    );
  });

  it('takes ecg-synth with the shipped beat CNN, scored with TimeX++’s AUP, AUR and AUPRC', () => {
    const methods = [
      'integrated-gradients',
      'contralsp',
      'dynamask',
      'extrmask',
      'gradient-shap',
      'occlusion',
      'timexpp',
    ];
    const plan = planBench(options({ dataset: 'ecg-synth', methods, root: appRoot() }));
    expect(plan.methods.map((m) => m.name)).toEqual(methods);
    expect(plan.metrics.names).toEqual(['AUP', 'AUR', 'AUPRC']);
    expect(plan.metrics.units).toEqual({});
  });

  it('refuses ecg-synth when models/ holds another beat model than the one the dataset is built for', () => {
    const folder = join(root, 'models');
    mkdirSync(folder, { recursive: true });
    const card = JSON.parse(readFileSync(join(appRoot(), 'models', 'ecg-beat-cnn.json'), 'utf8')) as object;
    writeFileSync(join(folder, 'ecg-beat-cnn.json'), JSON.stringify({ ...card, sha256: '0'.repeat(64) }));
    writeFileSync(join(folder, 'ecg-beat-cnn.onnx'), '');
    const error = refusal({ dataset: 'ecg-synth' });
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toMatch(/ecg-beat-cnn\.json describes a model with sha256 0{64}; the dataset is built for/);
  });
});
