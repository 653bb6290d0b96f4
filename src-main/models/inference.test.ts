import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listExecutionProviders } from '../engine';
import { readModel, readNpy, tensor, writeModel } from '../engine/ir';
import type { Tensor } from '../engine/ir';
import { checkModel } from './check-model';
import { openModelRunner, releaseModelSessions } from './inference';
import { sha256Hex } from './loaded-model';
import type { LoadedModel } from './loaded-model';
import { fixtureCard, fixtureOnnx, onnxGradDir } from './testing/fixture-models';
import type { FixtureName } from './testing/fixture-models';

afterAll(() => releaseModelSessions());

function fixtureArray(name: FixtureName, array: 'x' | 'y'): Tensor {
  return readNpy(readFileSync(join(onnxGradDir, `${name}.${array}.npy`)));
}

function load(bytes: Uint8Array, name: FixtureName): Promise<LoadedModel> {
  return checkModel(bytes, { ...fixtureCard(name), sha256: sha256Hex(bytes) }, { onnx: name, card: name });
}

/** cnn1d_beat exported with a fixed batch of 4 instead of a symbolic one. */
function fixedBatchCnn(): Uint8Array {
  const model = readModel(fixtureOnnx('cnn1d_beat'));
  const fixed = (values: typeof model.graph.inputs) =>
    values.map((v) => ({ name: v.name, dtype: v.dtype, shape: [4, ...v.shape.slice(1)] }));
  return writeModel({
    ...model,
    graph: { ...model.graph, inputs: fixed(model.graph.inputs), outputs: fixed(model.graph.outputs) },
  });
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return worst;
}

/** `count` windows cycling through the fixture's batch. */
function repeated(x: Tensor, count: number): Tensor {
  const [batch = 0, ...frame] = x.shape;
  const size = x.data.length / batch;
  const data = new Float32Array(count * size);
  for (let b = 0; b < count; b++)
    data.set(x.data.subarray((b % batch) * size, ((b % batch) + 1) * size) as Float32Array, b * size);
  return tensor('float32', [count, ...frame], data);
}

describe('batch inference on ONNX Runtime', () => {
  it.each(['cnn1d_beat', 'gru_state', 'transformer_ts'] as const)(
    "reproduces PyTorch's outputs for %s",
    async (name) => {
      const runner = await openModelRunner(await load(fixtureOnnx(name), name));
      const y = await runner.run(fixtureArray(name, 'x'));
      const expected = fixtureArray(name, 'y');
      expect(y.shape).toEqual(expected.shape);
      expect(maxAbsDifference(y.data as Float32Array, expected.data as Float32Array)).toBeLessThan(1e-5);
      expect(runner.provider).toBe('cpu');
      expect(runner.notice).toBeUndefined();
    },
  );

  it('gives the same rows whatever the chunk size, and pads the last batch of a fixed-batch graph', async () => {
    const x = repeated(fixtureArray('cnn1d_beat', 'x'), 7);
    const whole = await (await openModelRunner(await load(fixtureOnnx('cnn1d_beat'), 'cnn1d_beat'))).run(x);
    const chunked = await (
      await openModelRunner(await load(fixtureOnnx('cnn1d_beat'), 'cnn1d_beat'), { batchSize: 3 })
    ).run(x);
    const fixedModel = await load(fixedBatchCnn(), 'cnn1d_beat');
    expect(fixedModel.signature.input.shape).toEqual([4, 360, 1]);
    const fixed = await (await openModelRunner(fixedModel)).run(x);
    expect(whole.shape).toEqual([7, 5]);
    expect(maxAbsDifference(chunked.data as Float32Array, whole.data as Float32Array)).toBeLessThan(1e-6);
    expect(fixed.shape).toEqual([7, 5]);
    expect(maxAbsDifference(fixed.data as Float32Array, whole.data as Float32Array)).toBeLessThan(1e-6);
  });

  it("refuses windows of another shape, naming the model's", async () => {
    const runner = await openModelRunner(await load(fixtureOnnx('cnn1d_beat'), 'cnn1d_beat'));
    await expect(runner.run(tensor('float32', [2, 250, 1]))).rejects.toThrow(
      'model cnn1d-beat takes float32 windows [B, 360, 1] (ch0); got float32 [2, 250, 1]',
    );
  });

  it('refuses an execution provider this ONNX Runtime does not have, listing those it has', async () => {
    const model = await load(fixtureOnnx('mlp_flat'), 'mlp_flat');
    await expect(openModelRunner(model, { executionProvider: 'quantum' })).rejects.toThrow(
      /execution provider 'quantum': this ONNX Runtime has cpu\b/,
    );
  });

  const missing = listExecutionProviders().find((p) => p.status === 'not-installed');
  it.skipIf(missing === undefined)('falls back to the CPU when a provider is not installed, and says so', async () => {
    const runner = await openModelRunner(await load(fixtureOnnx('mlp_flat'), 'mlp_flat'), {
      executionProvider: missing?.name ?? '',
    });
    expect(runner.provider).toBe('cpu');
    expect(runner.notice).toBe(
      `the '${missing?.name ?? ''}' execution provider is not installed; running on the CPU instead`,
    );
    const y = await runner.run(fixtureArray('mlp_flat', 'x'));
    expect(maxAbsDifference(y.data as Float32Array, fixtureArray('mlp_flat', 'y').data as Float32Array)).toBeLessThan(
      1e-5,
    );
  });
});
