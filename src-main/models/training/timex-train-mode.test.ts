import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBenchmark } from '../../datasets/benchmarks';
import { importModel } from '../../engine/import';
import { tensor, toNumbers } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { Program, Rng } from '../../engine/program';
import { Tracer } from '../../engine/trace';
import { readModelFiles } from '../model-files';
import type { LoadedModel } from '../loaded-model';
import { exportForwardModel } from './export-forward';
import { recoverParameters } from './recover-parameters';
import { timexTrainMode } from './timex-train-mode';
import type { TrainModeModel } from './train-mode';
import { transformerMvts } from './transformer-mvts';
import { TIMEX_RECIPES } from './timex-black-boxes';

const file = (dataset: string): string =>
  join(import.meta.dirname, '../../../models/benchmarks', dataset, 'split-0.onnx');
const BATCH = 6;

/** The train-mode call and the ONNX file through ONNX Runtime on FreqShapes windows, masks fed as given. */
async function outputs(
  model: LoadedModel,
  trainMode: TrainModeModel,
  masks: Map<string, Tensor>,
): Promise<{ train: number[]; onnx: number[] }> {
  const data = generateBenchmark('freqshapes', { seed: 0, size: 'quick' });
  const [, time, features] = data.shape;
  const shape = [BATCH, time, features];
  const g = new Tracer();
  const x = g.input('x', 'float32', shape);
  const imported = await importModel(model.bytes, { inputShapes: { x: shape } });
  const program = await Program.compile({
    train: trainMode.call(x, 'f.'),
    onnx: Object.values(g.call(imported, x))[0] ?? x,
  });
  const out = await program.run({
    x: tensor('float32', shape, data.x.slice(0, BATCH * time * features)),
    ...Object.fromEntries([...masks].map(([name, mask]) => [`f.${name}`, mask])),
  });
  return { train: toNumbers(out.train ?? tensor('float32', [0])), onnx: toNumbers(out.onnx ?? tensor('float32', [0])) };
}

describe('a TimeX black box in train mode (timexpp.md §9 #10)', () => {
  it('reads the weights back from the ONNX file: without dropout it gives the file’s logits', async () => {
    const model = await readModelFiles(file('freqshapes'));
    const trainMode = timexTrainMode('freqshapes', model);
    const drawn = trainMode.draw(new Rng(3), BATCH);
    expect([...drawn.keys()]).toContain('layer0.dropout.attention');
    const ones = new Map(
      [...drawn].map(([name, mask]) => [
        name,
        tensor('float32', mask.shape, new Float32Array(mask.data.length).fill(1)),
      ]),
    );
    const { train, onnx } = await outputs(model, trainMode, ones);
    expect(train).toHaveLength(BATCH * 4);
    train.forEach((v, i) => expect(v).toBeCloseTo(onnx[i] ?? NaN, 5));

    // Drawn masks (rate 0.1 at four sites) move every window's logits.
    const dropped = await outputs(model, trainMode, drawn);
    const moved = Array.from({ length: BATCH }, (_, b) =>
      Math.max(...[0, 1, 2, 3].map((k) => Math.abs((dropped.train[b * 4 + k] ?? 0) - (onnx[b * 4 + k] ?? 0)))),
    );
    expect(Math.min(...moved)).toBeGreaterThan(1e-3);
  });

  it('recovers every parameter of a two-layer network exactly (SeqComb’s shape, random weights)', () => {
    const network = transformerMvts({ windowLength: 30, channels: 4, outputs: 4 }, TIMEX_RECIPES['seqcomb-mv'].network);
    const rng = new Rng(5);
    // Distinct values everywhere (the layers' initial weights are equal, as PyTorch's).
    const params = new Map([...network.init(rng)].map(([name, value]) => [name, rng.normal(value.shape)]));
    const recovered = recoverParameters(network, exportForwardModel(network, params, 'logits'), 'two layers');
    expect([...recovered.keys()]).toEqual([...params.keys()]);
    for (const [name, value] of params) expect(recovered.get(name)?.data).toEqual(value.data);
  });

  it('refuses a file that is not an export of the network, naming it', async () => {
    const lowvar = await readModelFiles(file('lowvar'));
    const network = transformerMvts({ windowLength: 50, channels: 1, outputs: 4 }, TIMEX_RECIPES.freqshapes.network);
    expect(() => recoverParameters(network, lowvar.bytes, 'lowvar split 0')).toThrow(
      /lowvar split 0: not an export of transformer-mvts\(layers=1, dModel=17/,
    );
  });

  it('refuses a card that names another architecture', async () => {
    const model = await readModelFiles(file('lowvar'));
    const training = model.card.training;
    if (!training) throw new Error('the LowVar card records its training');
    const renamed = {
      ...model,
      card: { ...model.card, training: { ...training, architecture: 'transformer-mvts(layers=2)' } },
    };
    expect(() => timexTrainMode('lowvar', renamed)).toThrow(
      /training\.architecture is transformer-mvts\(layers=2\); the lowvar black box is transformer-mvts\(layers=1, dModel=18/,
    );
  });
});
