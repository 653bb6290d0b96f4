import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBenchmark } from '../../datasets/benchmarks';
import { releaseModelSessions } from '../inference';
import { readModelFiles } from '../model-files';
import { timexParts, timexTrainingSpec, timexWindows } from './timex-black-boxes';
import { measureHeldOut } from './train-model';

const dir = fileURLToPath(new URL('../../../models/benchmarks/freqshapes/', import.meta.url));
const shipped = readdirSync(dir)
  .filter((f) => /^split-\d\.onnx$/.test(f))
  .map((f) => Number(f.slice(6, 7)));
afterAll(() => releaseModelSessions());

describe('the shipped FreqShapes black boxes (TimeX++ TransformerMVTS)', () => {
  it('include split 0', () => expect(shipped).toContain(0));

  describe.each(shipped)('split %i', (split) => {
    const path = join(dir, `split-${split}.onnx`);

    it('has a card that checks against its ONNX (input x [B, 50, 1], output logits [B, 4], raw values)', async () => {
      const model = await readModelFiles(path);
      expect(model.card.id).toBe(`timex-freqshapes-split-${split}`);
      expect(model.signature.input.name).toBe('x');
      expect(model.signature.output.name).toBe('logits');
      expect(model.card.preprocessing).toEqual({ channelMean: [0], channelStd: [1], filter: 'none' });
      expect(model.card.training?.architecture).toBe(
        timexTrainingSpec('freqshapes', split, { size: 'quick' }).network.architecture,
      );
    });

    it("reproduces its card's test metrics from the regenerated split", async () => {
      const model = await readModelFiles(path);
      const { test } = timexParts(generateBenchmark('freqshapes', { seed: split }));
      expect(await measureHeldOut(model, test)).toEqual(model.card.metrics.values);
    });

    it('classifies a freshly generated quick FreqShapes set far above chance (1/4)', async () => {
      const model = await readModelFiles(path);
      const fresh = generateBenchmark('freqshapes', { seed: 1000 + split, size: 'quick' });
      const { accuracy } = await measureHeldOut(model, timexWindows(fresh, 0, fresh.shape[0]));
      expect(accuracy).toBeGreaterThan(0.85);
    });
  });
});
