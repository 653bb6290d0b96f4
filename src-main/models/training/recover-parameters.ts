import { readModel, tensor } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { Rng } from '../../engine/program';
import { AppError } from '../../errors';
import { exportForwardModel } from './export-forward';
import type { Network } from './networks';

/** Added to every index in the second probe export: what moves with it came from a parameter. */
const PROBE_OFFSET = 2 ** 23;

/**
 * The named parameters of a model that `exportForwardModel(network, …)` wrote, read back from its
 * ONNX bytes. The export names its weights c0, c1, … and may fold slices of them into new
 * constants, so the same network is exported twice more with every parameter element set to its
 * own index + 1 (and that + 2²³; both exact in float32): an initializer whose values move with
 * the offset holds parameter elements, and its values say which. Refused unless re-exporting the
 * recovered parameters gives the model's bytes back exactly.
 */
export function recoverParameters(network: Network, onnx: Uint8Array, source: string): Map<string, Tensor> {
  const model = readModel(onnx);
  const outputName = model.graph.outputs[0]?.name ?? 'y';
  const layout = [...network.init(new Rng(0))].map(([name, value]) => ({
    name,
    shape: value.shape,
    size: value.data.length,
  }));
  const total = layout.reduce((sum, p) => sum + p.size, 0);
  if (total >= PROBE_OFFSET)
    throw new AppError('invalid-request', `${source}: ${total} parameters are too many to recover`);
  const probe = (offset: number): Map<string, Tensor> => {
    let next = 1 + offset;
    const params = new Map<string, Tensor>();
    for (const p of layout) {
      const data = new Float32Array(p.size);
      for (let i = 0; i < p.size; i++) data[i] = next++;
      params.set(p.name, tensor('float32', p.shape, data));
    }
    return params;
  };
  const low = readModel(exportForwardModel(network, probe(0), outputName)).graph.initializers;
  const high = readModel(exportForwardModel(network, probe(PROBE_OFFSET), outputName)).graph.initializers;
  const recovered = new Float32Array(total);
  const seen = new Uint8Array(total);
  for (const [name, lowValue] of low) {
    const shipped = model.graph.initializers.get(name);
    const highValue = high.get(name);
    if (!shipped || !highValue || shipped.data.length !== lowValue.data.length) {
      throw new AppError(
        'invalid-request',
        `${source}: not an export of ${network.architecture} (initializer ${name})`,
      );
    }
    if (highValue.data[0] === lowValue.data[0]) continue;
    for (let i = 0; i < lowValue.data.length; i++) {
      const index = Number(lowValue.data[i]) - 1;
      if (Number(highValue.data[i]) - index - 1 !== PROBE_OFFSET || !Number.isInteger(index) || index < 0) {
        throw new AppError(
          'invalid-request',
          `${source}: initializer ${name} is computed from the weights, not a copy of them`,
        );
      }
      recovered[index] = Number(shipped.data[i]);
      seen[index] = 1;
    }
  }
  let start = 0;
  const params = new Map<string, Tensor>();
  for (const p of layout) {
    if (seen.subarray(start, start + p.size).includes(0)) {
      throw new AppError('invalid-request', `${source}: the graph does not hold all of parameter '${p.name}'`);
    }
    params.set(p.name, tensor('float32', p.shape, recovered.slice(start, start + p.size)));
    start += p.size;
  }
  if (!sameBytes(exportForwardModel(network, params, outputName), onnx)) {
    throw new AppError('invalid-request', `${source}: not an export of ${network.architecture} (its graph differs)`);
  }
  return params;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
