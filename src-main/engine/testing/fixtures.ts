import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readNpy } from '../ir';
import type { Tensor } from '../ir';

/** The PyTorch-exported gradient fixtures copied into the project (see their README). */
export const onnxGradDir = fileURLToPath(new URL('../../../test/fixtures/engine/onnx-grad/', import.meta.url));

export const fixtureModels = [
  'cnn1d_beat',
  'resnet1d_12lead',
  'gru_state',
  'lstm_icu',
  'transformer_ts',
  'mlp_flat',
] as const;
export type FixtureModel = (typeof fixtureModels)[number];

export function fixtureBytes(model: FixtureModel): Uint8Array {
  return readFileSync(`${onnxGradDir}${model}.onnx`);
}

/** The engine's own fixture models (see test/fixtures/engine/README.md). */
export function engineFixtureBytes(file: 'mlp_softsign.onnx' | 'mlp_sin.onnx'): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../../../test/fixtures/engine/${file}`, import.meta.url)));
}

export function fixtureArray(model: FixtureModel, array: 'x' | 'y' | 'grad' | 'u' | 'vjp' | 'target'): Tensor {
  const file = `${model}.${array}.npy`;
  return readNpy(readFileSync(`${onnxGradDir}${file}`), file);
}

/** max |a - b| / max |b|: the fixtures' relative error measure. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs((actual[i] ?? NaN) - (expected[i] ?? NaN)));
    scale = Math.max(scale, Math.abs(expected[i] ?? 0));
  }
  if (actual.length !== expected.length) return Infinity;
  return scale === 0 ? diff : diff / scale;
}

/** The elements of a program output as plain numbers (an absent output fails the test). */
export function numbers(t: Tensor | undefined): number[] {
  if (!t) throw new Error('expected an output tensor');
  return Array.from(t.data, Number);
}
