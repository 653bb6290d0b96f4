import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStudyPerTest } from '../../../test/support/temp-study';
import { generateBenchmark } from '../../datasets/benchmarks';
import { tensor } from '../../engine';
import { insertFittedExplainer, listFittedExplainers, readFittedExplainer } from '../../store/fitted-explainers';
import { fitTimexpp } from './fit';
import { onnxMaps } from '../policy-onnx';
import { timexppMaps } from './read-out';
import { fittedExplainerRecord } from './stored';

const opened = openStudyPerTest();

describe('a fitted TimeX++ explainer in the study', () => {
  it('is stored with its provenance and, read back, explains windows as the fitted one does', async () => {
    const onnx = readFileSync(join(import.meta.dirname, '../../../models/benchmarks/freqshapes/split-0.onnx'));
    const box = { name: 'split-0', onnx, output: 'logits' } as const;
    const data = generateBenchmark('freqshapes', { seed: 0, size: 'quick' });
    const [, time, features] = data.shape;
    const frame = time * features;
    const train = tensor('float32', [16, time, features], data.x.slice(0, 16 * frame));
    const test = tensor('float32', [3, time, features], data.x.slice(16 * frame, 19 * frame));
    const state = await fitTimexpp(box, train, { epochs: 1, batchSize: 8 }, { seed: 2 });
    const sha256 = createHash('sha256').update(onnx).digest('hex');

    const id = insertFittedExplainer(
      opened.study.db,
      fittedExplainerRecord(state, { id: 'timex-freqshapes-split-0', sha256 }, { note: 'test' }),
      'tester',
    );
    expect(listFittedExplainers(opened.study.db, sha256, 'timexpp').map((e) => e.id)).toEqual([id]);
    const stored = readFittedExplainer(opened.study.db, id);
    expect(stored?.params).toMatchObject({ preset: 'freqshapes', epochs: 1, batchSize: 8 });
    expect(stored?.seed).toBe(2);
    expect(stored?.metrics).toMatchObject({ selectedEpoch: 1, steps: 2, trainingRows: 16, note: 'test' });

    const fromStudy = await onnxMaps(stored?.onnx ?? new Uint8Array(), test);
    const direct = await timexppMaps(state, test);
    direct.data.forEach((v, i) => expect(Math.abs(Number(v) - Number(fromStudy.data[i]))).toBeLessThan(1e-5));
  });
});
