import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { fromNumbers, tensor } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import type { Forward } from '../black-box/forward';

/** The tint/Captum golden fixtures copied into the project (see test/fixtures/golden/README.md). */
const goldenDir = fileURLToPath(new URL('../../../test/fixtures/golden/', import.meta.url));

export function readGolden(file: string): unknown {
  return JSON.parse(readFileSync(`${goldenDir}${file}`, 'utf8'));
}

export type Nested3 = readonly (readonly (readonly number[])[])[];

/** A [B, T, F] tensor from the fixtures' nested lists. */
export function nestedTensor(dtype: 'float32' | 'float64', nested: Nested3): Tensor {
  const shape = [nested.length, nested[0]?.length ?? 0, nested[0]?.[0]?.length ?? 0];
  return fromNumbers(dtype, shape, nested.flat(2));
}

export function goldenModelBytes(name: 'gru_clf' | 'conv1d_clf'): Uint8Array {
  return readFileSync(`${goldenDir}models/${name}.onnx`);
}

/** One golden model on ONNX Runtime as a `Forward` (input `x`, output `logits`), and its release. */
export async function goldenModel(
  name: 'gru_clf' | 'conv1d_clf',
): Promise<{ forward: Forward; release: () => Promise<void> }> {
  const session = await ort.InferenceSession.create(goldenModelBytes(name));
  const forward: Forward = async (x) => {
    const out = await session.run({
      x: new ort.Tensor('float32', Float32Array.from(x.data as ArrayLike<number>), [...x.shape]),
    });
    const logits = out.logits;
    if (!logits) throw new Error(`${name}: no 'logits' output`);
    return tensor('float32', logits.dims, logits.data as Float32Array);
  };
  return { forward, release: () => session.release() };
}
