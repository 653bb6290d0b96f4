import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBenchmark } from '../../datasets/benchmarks';
import { checkModel } from '../check-model';
import { releaseModelSessions } from '../inference';
import type { ModelCard } from '../model-card';
import { readModelFiles } from '../model-files';
import {
  BENCHMARK_RECIPE,
  benchmarkModelPath,
  CLASSIFIER_BENCHMARKS,
  datasetFingerprint,
  measurePerStep,
  sequenceSet,
  testRows,
} from './benchmark-classifiers';

const modelsDir = fileURLToPath(new URL('../../../models/', import.meta.url));
const folds = [...Array(BENCHMARK_RECIPE.folds).keys()];
afterAll(() => releaseModelSessions());

describe.each(CLASSIFIER_BENCHMARKS)('the shipped %s classifiers', (benchmark) => {
  const full = generateBenchmark(benchmark, { seed: BENCHMARK_RECIPE.datasetSeed, size: 'full' });
  // A draw no model was trained or measured on.
  const fresh = generateBenchmark(benchmark, { seed: 1, size: 'quick' });
  const [, steps, features] = full.shape;
  const freshTest = sequenceSet(fresh, testRows(fresh));
  // Chance: always answering the commoner label.
  const ones = freshTest.targets.reduce((a, b) => a + b, 0) / freshTest.targets.length;
  const chance = Math.max(ones, 1 - ones);

  it.each(folds)(
    'fold %i: the card agrees with the ONNX file, which answers at every step, far above chance on a fresh draw',
    async (fold) => {
      const model = await readModelFiles(benchmarkModelPath(modelsDir, benchmark, fold));
      expect(model.card).toMatchObject({ id: `${benchmark}-gru-fold-${fold}`, perTimeStep: true });
      expect(model.signature.output).toMatchObject({ name: 'logits', shape: [-1, steps, 2] });
      expect(model.signature.differentiability.differentiable).toBe(true);
      const { accuracy = 0 } = await measurePerStep(model.bytes, freshTest, { steps, features });
      // The papers' State classifiers reach 0.8–0.9 per time step.
      expect(accuracy).toBeGreaterThan(0.85);
      expect(accuracy - chance).toBeGreaterThan(0.15);
    },
    60_000,
  );

  it.each(folds)(
    "fold %i: reproduces its card's test metrics on the dataset the card names",
    async (fold) => {
      const model = await readModelFiles(benchmarkModelPath(modelsDir, benchmark, fold));
      // A different fingerprint means the generator changed since training: retrain (npm run train:models -- --benchmarks).
      expect(model.card.trainingData.description).toContain(`sha256 ${datasetFingerprint(full)}`);
      const test = testRows(full);
      expect(model.card.metrics.samples).toBe(test.length);
      const measured = await measurePerStep(model.bytes, sequenceSet(full, test), { steps, features });
      expect(Object.keys(measured)).toEqual(Object.keys(model.card.metrics.values));
      for (const [name, value] of Object.entries(model.card.metrics.values))
        expect(measured[name]).toBeCloseTo(value, 9);
    },
    60_000,
  );

  it('refuses the model with a card that does not say it answers per time step', async () => {
    const model = await readModelFiles(benchmarkModelPath(modelsDir, benchmark, 0));
    const perWindow: ModelCard = { ...model.card };
    delete perWindow.perTimeStep;
    await expect(checkModel(model.bytes, perWindow, { onnx: 'fold-0.onnx', card: 'fold-0.json' })).rejects.toThrow(
      /field 'task' is classification, whose output is \[B, K\], but the ONNX output 'logits' is .*perTimeStep: true/,
    );
  });
});
