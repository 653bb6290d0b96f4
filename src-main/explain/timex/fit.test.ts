import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine';
import { exportForwardModel } from '../../models/training/export-forward';
import { cnn1d } from '../../models/training/networks';
import type { BlackBox } from '../black-box';
import { freqShapesBox, freqShapesRows } from '../testing/freqshapes';
import { exportMethodOnnx, onnxMaps } from '../policy-onnx';
import { findExplainer } from '../registry';
import { timexppMaps } from '../timexpp/read-out';
import { fitTimex } from './fit';

describe('TimeX fit (timexpp.md §8)', () => {
  it(
    'trains a copy of the transformer through its attention and explains through the registry',
    { timeout: 180_000 },
    async () => {
      const train = freqShapesRows(0, 130);
      const test = freqShapesRows(5100, 10);
      const explanation = await findExplainer('timex').explain({
        model: freqShapesBox,
        x: test,
        reference: train,
        params: { epochs: 4, batchSize: 32 },
        seed: 1,
      });
      const diagnostics = explanation.info.diagnostics ?? {};
      const losses = diagnostics.meanLossByEpoch as number[];
      expect(losses).toHaveLength(4);
      expect(losses.at(-1)).toBeLessThan(losses[0] ?? NaN);
      // 2 % of 130 held out for selection (3 windows), 127 trained on in batches of 32.
      expect(diagnostics.validationRows).toBe(3);
      expect(explanation.info.steps).toBe(16);
      expect((diagnostics.validationMetricByEpoch as number[]).every(Number.isFinite)).toBe(true);
      expect(explanation.scale).toBe('unit-mask');
      expect(explanation.saliency.shape).toEqual(test.shape);
      expect(explanation.info.params).toMatchObject({ preset: 'freqshapes', lambda: 2, landmarks: 50 });
    },
  );

  it('is seeded and keeps the epoch with the best validation metric', { timeout: 120_000 }, async () => {
    const train = freqShapesRows(0, 24);
    const validation = freqShapesRows(5000, 8);
    const params = { epochs: 3, batchSize: 8, landmarks: 4 };
    const first = await fitTimex(freqShapesBox, train, params, { seed: 3, validation });
    const again = await fitTimex(freqShapesBox, train, params, { seed: 3, validation });
    const fit = first.fit;
    expect(fit?.validationRows).toBe(8);
    const metrics = fit?.epochs.map((e) => e.metric) ?? [];
    expect(fit?.selectedEpoch).toBe(metrics.indexOf(Math.max(...metrics)) + 1);
    const test = freqShapesRows(5100, 4);
    const maps = Array.from((await timexppMaps(first, test)).data, Number);
    expect(Array.from((await timexppMaps(again, test)).data, Number)).toEqual(maps);
    expect(maps.every((v) => v > 0 && v < 1)).toBe(true);
    // What a study stores: the read-out as ONNX, giving the same maps.
    const stored = Array.from((await onnxMaps(exportMethodOnnx('timex', first), test)).data, Number);
    stored.forEach((v, i) => expect(v).toBeCloseTo(maps[i] ?? NaN, 5));
  });

  it('masks the input of a multivariate model without attention (a CNN) and fits', { timeout: 60_000 }, async () => {
    const cnn: BlackBox = {
      name: 'conv1d_clf',
      onnx: readFileSync(join(import.meta.dirname, '../../../test/fixtures/golden/models/conv1d_clf.onnx')),
      output: 'logits',
    };
    const windows = new Rng(5).normal([40, 24, 3]);
    const fitted = await fitTimex(cnn, windows, { epochs: 2, batchSize: 16, landmarks: 6 }, { seed: 0 });
    expect(fitted.fit?.validationRows).toBe(2);
    expect(fitted.fit?.epochs.every((e) => Number.isFinite(e.meanLoss) && Number.isFinite(e.metric))).toBe(true);
    expect((await timexppMaps(fitted, windows)).shape).toEqual([40, 24, 3]);
  });

  it('refuses a univariate model without attention, naming it', async () => {
    const network = cnn1d({ windowLength: 50, channels: 1, outputs: 2 }, { filters: [4], kernel: 3 });
    const cnn: BlackBox = {
      name: 'a univariate CNN',
      onnx: exportForwardModel(network, network.init(new Rng(0))),
      output: 'logits',
    };
    await expect(fitTimex(cnn, freqShapesRows(0, 20), { epochs: 1, batchSize: 8 }, { seed: 0 })).rejects.toThrow(
      /a univariate CNN has no attention softmax/,
    );
  });
});
