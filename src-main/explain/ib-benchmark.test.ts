import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateBenchmark } from '../datasets/benchmarks';
import { readModelFiles } from '../models/model-files';
import { timexParts } from '../models/training/timex-black-boxes';
import { measureHeldOut } from '../models/training/train-model';
import { ibBenchmarkSplit } from './ib-benchmark';

const file = fileURLToPath(new URL('../../models/benchmarks/freqshapes/split-0.onnx', import.meta.url));

describe('ib-gradient-free validation split (quick FreqShapes)', { timeout: 120_000 }, () => {
  it('scores the trained, untrained and random maps of the test windows, and the black box', async () => {
    const box = { name: file, onnx: readFileSync(file), output: 'logits' as const };
    const row = await ibBenchmarkSplit('freqshapes', 3, box, { epochs: 1, batchSize: 8 }, { size: 'quick' });
    const { test, train } = timexParts(generateBenchmark('freqshapes', { seed: 3, size: 'quick' }));
    expect(row.samples).toBe(test.count);
    expect(row.accuracy).toBe((await measureHeldOut(await readModelFiles(file), test)).accuracy);
    // N clean rows, one epoch of ⌊N/B⌋ steps × B·K rows, and 2·B for the reference rewards.
    expect(row.forwardRows).toBe(train.count + Math.floor(train.count / 8) * 8 * 8 + 2 * 8);
    expect(row.referenceRewards.allKept).toBe(0);
    for (const scores of [row.trained, row.untrained, row.random]) {
      for (const v of Object.values(scores)) expect(v > 0 && v <= 1).toBe(true);
    }
    expect(row.rewardByEpoch).toHaveLength(1);
  });
});
