import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBenchmark } from '../datasets/benchmarks';
import type { BenchmarkName } from '../datasets/benchmarks';
import { parseModelCardJson } from '../models';
import { planBench } from './bench-plan';
import { classifierFile, resolveBlackBox } from './black-boxes';
import { paperRuns, runDataSeed, runSplit } from './paper-runs';
import type { MethodSummary } from './aggregate';
import { verdict } from './verdict';

const root = join(import.meta.dirname, '../..');

describe('bench explain on TimeX++ sets', () => {
  it('offers TimeX++ on FreqShapes with its recipe, Table 1 metrics and the spec’s pass bands', () => {
    const plan = planBench({ dataset: 'freqshapes', methods: ['timexpp'], runs: 1, size: 'quick', root });
    expect(plan.metrics.names).toEqual(['AUP', 'AUR', 'AUPRC']);
    expect(plan.methods).toEqual([
      {
        name: 'timexpp',
        setting: { explainer: 'timexpp', params: { preset: 'freqshapes' }, scope: 'set', reference: 'train' },
      },
    ]);
    const zero = { mean: 0, std: 0 };
    const summary = (auprc: number): MethodSummary => ({
      metrics: { AUP: { mean: 0.79, std: 0 }, AUR: { mean: 0.65, std: 0 }, AUPRC: { mean: auprc, std: 0 } },
      seconds: zero,
      cpuSeconds: zero,
      peakRssMb: 0,
      runs: [],
    });
    // Table 1: 0.8905 / 0.7805 / 0.6618, bands 0.03 on AUPRC and 0.04 on AUP and AUR (timexpp.md §11.5).
    expect(verdict('freqshapes', 'timexpp', summary(0.87))).toEqual({ kind: 'within' });
    expect(verdict('freqshapes', 'timexpp', summary(0.85))).toEqual({ kind: 'outside', metrics: ['AUPRC'] });
  });

  it('hands the explainers a TimeX set’s black box with its train mode (timexpp.md §9 #10), a GRU without', async () => {
    const freqShapes = await resolveBlackBox(root, generateBenchmark('freqshapes', { seed: 0, size: 'quick' }), 0);
    if (freqShapes.kind !== 'classifier') throw new Error('FreqShapes has a classifier');
    expect(freqShapes.perTime.trainMode?.outputs).toBe(4);
    expect(freqShapes.lastStep).toBe(freqShapes.perTime);
    const state = await resolveBlackBox(root, generateBenchmark('state', { seed: 0, size: 'quick' }), 0);
    if (state.kind !== 'classifier') throw new Error('State has a classifier');
    expect(state.perTime.trainMode).toBeUndefined();
  });

  it('explains each run on the data its black box was tested on: a TimeX split its own, the GRU folds one shared set', () => {
    // Every set whose black boxes are shipped (SeqComb-MV has none yet).
    const sets: readonly BenchmarkName[] = ['freqshapes', 'seqcomb-uv', 'lowvar', 'state', 'switch-feature'];
    for (const dataset of sets) {
      for (let run = 0; run < paperRuns(dataset); run++) {
        const cardFile = classifierFile(root, dataset, runSplit(dataset, run)).replace(/\.onnx$/, '.json');
        const card = parseModelCardJson(readFileSync(cardFile, 'utf8'), cardFile);
        expect(card.metrics.dataset, `${dataset} run ${run + 1}`).toContain(
          `generateBenchmark('${dataset}', { seed: ${runDataSeed(dataset, run)}, size: 'full' })`,
        );
      }
    }
  });

  it('refuses a TimeX++ set whose split black box is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'salience-no-models-'));
    try {
      expect(() =>
        planBench({ dataset: 'freqshapes', methods: ['timexpp'], runs: 2, size: 'quick', root: empty }),
      ).toThrow(/freqshapes: no black box for run 1: .*split-0\.onnx does not exist/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
