import ort from 'onnxruntime-node';
import { expect } from 'vitest';
import type { LabelledWindows } from '../training/labelled-windows';
import type { Network } from '../training/networks';

/** An exported network's outputs `y` [N, K] for a set's windows, run by ONNX Runtime (the shape checked). */
export async function onnxRuntimeOutputs(
  bytes: Uint8Array,
  set: LabelledWindows,
  network: Network,
): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const { windowLength, channels } = network.shape;
  const result = await session.run({ x: new ort.Tensor('float32', set.windows, [set.count, windowLength, channels]) });
  await session.release();
  expect(result.y?.dims).toEqual([set.count, network.shape.outputs]);
  return result.y?.data as Float32Array;
}
