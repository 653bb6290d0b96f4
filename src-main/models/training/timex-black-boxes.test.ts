import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBenchmark } from '../../datasets/benchmarks';
import { releaseModelSessions } from '../inference';
import { readModelFiles } from '../model-files';
import { timexParts, timexTrainingSpec, timexWindows } from './timex-black-boxes';
import { measureHeldOut } from './train-model';

const root = fileURLToPath(new URL('../../../models/benchmarks/', import.meta.url));
/** The sets with shipped splits, their window shape and the splits present. */
const SETS = [
  { dataset: 'freqshapes', time: 50, channels: 1 },
  { dataset: 'lowvar', time: 200, channels: 2 },
  { dataset: 'seqcomb-uv', time: 200, channels: 1 },
  { dataset: 'seqcomb-mv', time: 200, channels: 4 },
] as const;
const shipped = SETS.map((set) => ({
  ...set,
  splits: existsSync(join(root, set.dataset))
    ? readdirSync(join(root, set.dataset))
        .filter((f) => /^split-\d\.onnx$/.test(f))
        .map((f) => Number(f.slice(6, 7)))
    : [],
}));
afterAll(() => releaseModelSessions());

describe("the shipped black boxes of TimeX++'s synthetic sets (TransformerMVTS)", () => {
  it('include split 0 of FreqShapes, LowVar, SeqComb-UV and SeqComb-MV', () => {
    for (const set of shipped) expect(set.splits).toContain(0);
  });

  describe.each(shipped.flatMap((set) => set.splits.map((split) => ({ ...set, split }))))(
    '$dataset split $split',
    ({ dataset, time, channels, split }) => {
      const path = join(root, dataset, `split-${split}.onnx`);

      it(`has a card that checks against its ONNX (input x [B, ${time}, ${channels}], output logits [B, 4], raw values)`, async () => {
        const model = await readModelFiles(path);
        expect(model.card.id).toBe(`timex-${dataset}-split-${split}`);
        expect(model.signature.input.name).toBe('x');
        expect(model.signature.output.name).toBe('logits');
        expect(model.card.input.windowLength).toBe(time);
        expect(model.card.preprocessing).toEqual({
          channelMean: new Array<number>(channels).fill(0),
          channelStd: new Array<number>(channels).fill(1),
          filter: 'none',
        });
        expect(model.card.training?.architecture).toBe(
          timexTrainingSpec(dataset, split, { size: 'quick' }).network.architecture,
        );
      });

      it("reproduces its card's test metrics from the regenerated split", async () => {
        const model = await readModelFiles(path);
        const { test } = timexParts(generateBenchmark(dataset, { seed: split }));
        expect(await measureHeldOut(model, test)).toEqual(model.card.metrics.values);
      });

      it('classifies a freshly generated quick set as well as its card says, within three standard errors', async () => {
        const model = await readModelFiles(path);
        const claimed = model.card.metrics.values.accuracy ?? NaN;
        const fresh = generateBenchmark(dataset, { seed: 1000 + split, size: 'quick' });
        const count = fresh.shape[0];
        const { accuracy } = await measureHeldOut(model, timexWindows(fresh, 0, count));
        expect(accuracy).toBeGreaterThan(claimed - 3 * Math.sqrt((claimed * (1 - claimed)) / count));
      });
    },
  );
});
