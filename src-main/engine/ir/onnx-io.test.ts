import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fixtureArray, fixtureBytes, relativeError } from '../testing/fixtures';
import { defaultOpset } from './graph';
import { readModel } from './onnx-read';
import { writeModel } from './onnx-write';

async function runOnce(bytes: Uint8Array, x: ort.Tensor): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({ x });
    return out.y?.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('ONNX ModelProto read/write', () => {
  it('reads a PyTorch export: inputs with their symbolic batch axis, initializers, nodes and attributes', () => {
    const model = readModel(fixtureBytes('gru_state'));
    expect(defaultOpset(model)).toBe(17);
    expect(model.graph.inputs).toEqual([
      { name: 'x', dtype: 'float32', shape: [-1, 100, 3], dimNames: ['batch', undefined, undefined] },
    ]);
    expect(model.graph.initializers.get('head.weight')?.shape).toEqual([2, 64]);
    const gru = model.graph.nodes.find((n) => n.op === 'GRU');
    expect(gru?.attributes.hidden_size).toEqual({ kind: 'int', value: 64 });
    expect(gru?.inputs[4]).toBe('');
  });

  it.each(['gru_state', 'transformer_ts'] as const)(
    'round-trips %s and ONNX Runtime computes the same outputs from both files',
    async (name) => {
      const x = fixtureArray(name, 'x');
      const input = new ort.Tensor('float32', x.data as Float32Array, [...x.shape]);
      const original = await runOnce(fixtureBytes(name), input);
      const rewritten = await runOnce(writeModel(readModel(fixtureBytes(name))), input);
      expect(Array.from(rewritten)).toEqual(Array.from(original));
      // And both reproduce PyTorch's output.
      expect(relativeError(rewritten, fixtureArray(name, 'y').data as Float32Array)).toBeLessThan(1e-5);
    },
  );

  it('reports a file that is not a model as bad input', () => {
    expect(() => readModel(new TextEncoder().encode('not a model at all'))).toThrow(AppError);
  });
});
