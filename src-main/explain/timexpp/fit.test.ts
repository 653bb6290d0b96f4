import { describe, expect, it } from 'vitest';
import { freqShapesBox, freqShapesRows, freqShapesTrainModeBox } from '../testing/freqshapes';
import { findExplainer } from '../registry';
import { fitTimexpp } from './fit';
import { onnxMaps } from '../policy-onnx';
import { exportTimexppOnnx, timexppMaps } from './read-out';

describe('TimeX++ fit and read-out (timexpp.md §2.8–2.9, §3)', () => {
  // Beating a random map takes a few hundred steps of 64 windows (minutes here): the benchmark
  // run in docs/BENCHMARKS.md measures that; this checks that training moves the loss down.
  it(
    'explains through the registry after a short fit that lowers the training loss',
    { timeout: 120_000 },
    async () => {
      const train = freqShapesRows(0, 128);
      const test = freqShapesRows(5100, 10);
      const explanation = await findExplainer('timexpp').explain({
        model: freqShapesBox,
        x: test,
        reference: train,
        params: { epochs: 4, batchSize: 32 },
        seed: 1,
      });
      const losses = explanation.info.diagnostics?.meanLossByEpoch as number[];
      expect(losses).toHaveLength(4);
      expect(losses.at(-1)).toBeLessThan(losses[0] ?? NaN);
      expect(explanation.scale).toBe('unit-mask');
      expect(explanation.saliency.shape).toEqual(test.shape);
      expect(explanation.info.steps).toBe(16);
      expect(explanation.info.params).toMatchObject({ preset: 'freqshapes', lambda: 1, r: 0.5, without: [] });
    },
  );

  it(
    'keeps the short last batch, is seeded, and its exported ONNX reproduces the maps',
    { timeout: 60_000 },
    async () => {
      // 20 rows in batches of 8: two full batches and one of 4 per epoch.
      const train = freqShapesRows(0, 20);
      const params = { epochs: 2, batchSize: 8 };
      const first = await fitTimexpp(freqShapesBox, train, params, { seed: 3 });
      expect(first.fit?.steps).toBe(6);
      expect(first.fit?.epochs.map((e) => e.epoch)).toEqual([1, 2]);
      const again = await fitTimexpp(freqShapesBox, train, params, { seed: 3 });
      const other = await fitTimexpp(freqShapesBox, train, params, { seed: 4 });
      const test = freqShapesRows(5100, 6);
      const maps = await timexppMaps(first, test);
      expect(Array.from((await timexppMaps(again, test)).data, Number)).toEqual(Array.from(maps.data, Number));
      expect(Array.from((await timexppMaps(other, test)).data, Number)).not.toEqual(Array.from(maps.data, Number));

      const exported = await onnxMaps(exportTimexppOnnx(first), test);
      expect(exported.shape).toEqual(test.shape);
      let worst = 0;
      maps.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(Number(v) - Number(exported.data[i])))));
      expect(worst).toBeLessThan(1e-5);
      // π is a probability per cell, and not one constant.
      const values = Array.from(maps.data, Number);
      expect(values.every((v) => v > 0 && v < 1)).toBe(true);
      expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(1e-3);
    },
  );

  it(
    'calls a black box that has a train mode in it (§9 #10), seeded; blackBoxTrainMode false calls the inference graph',
    { timeout: 60_000 },
    async () => {
      const train = freqShapesRows(0, 20);
      const test = freqShapesRows(5100, 6);
      const params = { epochs: 2, batchSize: 8 };
      const trainModeBox = await freqShapesTrainModeBox();
      const maps = async (box: typeof freqShapesBox, extra: object = {}): Promise<number[]> =>
        Array.from(
          (await timexppMaps(await fitTimexpp(box, train, { ...params, ...extra }, { seed: 3 }), test)).data,
          Number,
        );
      const trained = await maps(trainModeBox);
      expect(await maps(trainModeBox)).toEqual(trained);
      const inference = await maps(freqShapesBox);
      expect(trained).not.toEqual(inference);
      expect(await maps(trainModeBox, { blackBoxTrainMode: false })).toEqual(inference);
    },
  );
});
