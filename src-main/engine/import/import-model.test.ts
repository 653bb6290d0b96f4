import onnxProto from 'onnx-proto';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { gradients } from '../autodiff';
import { Program } from '../program';
import { engineFixtureBytes, fixtureArray, fixtureBytes, numbers, relativeError } from '../testing/fixtures';
import { Tracer } from '../trace';
import type { Traced } from '../trace';
import { importModel, missingGradientRules } from './import-model';

const plumbing = ['Shape', 'Gather', 'ConstantOfShape', 'Concat', 'Unsqueeze', 'Constant', 'Cast', 'Range'];

/** The fixture model with its opset import rewritten (the graph is unchanged). */
function withOpset(version: number): Uint8Array {
  const { onnx } = onnxProto;
  const model = onnx.ModelProto.decode(fixtureBytes('mlp_flat'));
  model.opsetImport = [{ domain: '', version }];
  return onnx.ModelProto.encode(model).finish();
}

async function ortForward(bytes: Uint8Array, x: Float32Array, shape: readonly number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ x: new ort.Tensor('float32', x, [...shape]) });
  await session.release();
  return out.y?.data as Float32Array;
}

describe('importing a user model', () => {
  it('specialises the batch axis and folds the shape plumbing of a PyTorch GRU export', async () => {
    const model = await importModel(fixtureBytes('gru_state'), { inputShapes: { x: [7, 100, 3] } });
    expect(model.inputs).toEqual([{ name: 'x', dtype: 'float32', shape: [7, 100, 3] }]);
    expect(model.outputs.map((o) => o.shape)).toEqual([[7, 2]]);
    const ops = model.graph.nodes.map((n) => n.op);
    expect(ops).toContain('GRU');
    expect(ops.filter((op) => ['Shape', 'ConstantOfShape', 'Constant', 'Concat', 'Unsqueeze'].includes(op))).toEqual(
      [],
    );
    // The initial state the exporter built from Shape(x) is now a constant of the batch size.
    expect(model.graph.initializers.size).toBeGreaterThan(0);
  });

  it('leaves no shape arithmetic in the transformer export and rewrites opset-17 ReduceMean to the axes-input form', async () => {
    const model = await importModel(fixtureBytes('transformer_ts'), { inputShapes: { x: [2, 50, 1] } });
    const ops = model.graph.nodes.map((n) => n.op);
    expect(ops.filter((op) => plumbing.includes(op) && op !== 'Gather')).toEqual([]);
    const reduce = model.graph.nodes.find((n) => n.op === 'ReduceMean');
    expect(reduce?.inputs).toHaveLength(2);
    expect(reduce?.attributes.axes).toBeUndefined();
  });

  it('reads every opset from 13 to 20 and rejects the others by number', async () => {
    for (const version of [13, 20])
      await expect(importModel(withOpset(version), { inputShapes: { x: [1, 40, 3] } })).resolves.toBeDefined();
    await expect(importModel(withOpset(11), { inputShapes: { x: [1, 40, 3] } })).rejects.toThrow(/opset 11.*13–20/);
  });

  it('asks for the shape of a dynamic input, and checks a given shape against the file', async () => {
    await expect(importModel(fixtureBytes('cnn1d_beat'))).rejects.toThrow(
      /input 'x' has a dynamic dimension \(batch\)/,
    );
    await expect(importModel(fixtureBytes('cnn1d_beat'), { inputShapes: { x: [4, 300, 1] } })).rejects.toThrow(
      /input 'x' is \[batch, 360, 1\] in the model; \[4, 300, 1\] does not fit it/,
    );
    await expect(importModel(fixtureBytes('cnn1d_beat'), { inputShapes: { q: [1] } })).rejects.toThrow(AppError);
  });

  it('a model called twice in one graph shares its weights', async () => {
    const model = await importModel(fixtureBytes('mlp_flat'), { inputShapes: { x: [2, 40, 3] } });
    const g = new Tracer();
    const x = g.input('x', 'float32', [2, 40, 3]);
    g.call(model, x);
    const constants = g.constantValues.size;
    g.call(model, g.input('baseline', 'float32', [2, 40, 3]));
    expect(g.constantValues.size).toBe(constants);
  });

  it.each([
    ['Softsign', 'a shape rule but no gradient rule', 'mlp_softsign.onnx'],
    ['Sin', 'no rule at all (its output shape is probed in ONNX Runtime)', 'mlp_sin.onnx'],
  ] as const)('a model with %s (%s) runs forward; its gradient names the op and node', async (op, _, file) => {
    const bytes = engineFixtureBytes(file);
    const x = fixtureArray('mlp_flat', 'x');
    const model = await importModel(bytes, { inputShapes: { x: x.shape } });
    expect(missingGradientRules(model.graph)).toEqual([{ op, node: `/net/${op}` }]);
    const g = new Tracer();
    const input = g.input('x', 'float32', x.shape);
    const y = g.call(model, input).y as Traced;
    const out = await (await Program.compile({ y })).run({ x });
    const reference = await ortForward(bytes, x.data as Float32Array, x.shape);
    expect(relativeError(numbers(out.y), reference)).toBeLessThan(1e-6);
    expect(() => gradients(y, [input])).toThrow(`no gradient rule for op '${op}' (node /net/${op})`);
  });
});
