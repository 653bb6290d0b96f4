import { tensor, Tracer, writeModel } from '../engine';
import type { Tensor, Traced } from '../engine';
import { compileGraph } from '../engine/program';
import { AppError } from '../errors';
import { withBatchAxis } from '../models/training/export-forward';
import { noDropout } from '../models/training/transformer-layers';
import { forward } from './black-box';
import { maskChannels, policyProbabilities } from './ib-policy';
import type { PolicyArchitecture } from './ib-policy';
import { windowShape } from './window-inputs';

/**
 * A fitted mask policy (TimeX++'s mask generator, the gradient-free IB policy) as a plain ONNX
 * model of its eval-mode read-out: input `x` [batch, T, D] → output `pi` [batch, T, D], the
 * parameters as initializers, no dropout, no sampling, no black-box call. A 'time' mask (one value
 * per step) is repeated over the channels. The batch axis is symbolic (the policy's graph has no
 * batch-sized shape), so the windows of a cohort run through it together.
 */

const INPUT = 'x';
const OUTPUT = 'pi';
/** Windows per run of a stored policy (bounds the [rows, T, T] attention tensors). */
const ROWS_PER_RUN = 256;

/** A fitted mask generator's read-out as ONNX, named after its method: `salience-<method>`, `<method>(time=…, features=…)`. */
export function exportMethodOnnx(
  method: string,
  state: { readonly architecture: PolicyArchitecture; readonly values: ReadonlyMap<string, Tensor> },
): Uint8Array {
  const { time, features } = state.architecture;
  return exportPolicyOnnx(state.architecture, state.values, {
    producer: `salience-${method}`,
    graph: `${method}(time=${time}, features=${features})`,
  });
}

export function exportPolicyOnnx(
  arch: PolicyArchitecture,
  values: ReadonlyMap<string, Tensor>,
  names: { readonly producer: string; readonly graph: string },
): Uint8Array {
  const g = new Tracer();
  const { time, features } = arch;
  const x = g.input(INPUT, 'float32', [1, time, features]);
  // One constant per parameter, however often the graph reads it.
  const baked = new Map<string, Traced>();
  const value = (name: string): Traced => {
    let found = baked.get(name);
    if (!found) {
      const initial = values.get(name);
      if (!initial) throw new AppError('internal', `${names.graph}: the policy has no parameter '${name}'`);
      found = g.constant(initial);
      baked.set(name, found);
    }
    return found;
  };
  const pi = policyProbabilities(x, value, arch, noDropout);
  const maps =
    maskChannels(arch) === features
      ? pi
      : pi.mul(g.constant(tensor('float32', [features], new Float32Array(features).fill(1))));
  const { model } = compileGraph({ [OUTPUT]: maps });
  return writeModel({
    ...model,
    producer: names.producer,
    graph: {
      ...model.graph,
      name: names.graph,
      inputs: model.graph.inputs.map(withBatchAxis),
      outputs: model.graph.outputs.map(withBatchAxis),
      // The traced intermediate shapes have a batch of 1; ONNX Runtime infers them for any batch.
      valueTypes: new Map(),
    },
  });
}

/** π [N, T, D] of windows x [N, T, D] from an exported policy: up to ROWS_PER_RUN windows per run. */
export async function onnxMaps(onnx: Uint8Array, x: Tensor): Promise<Tensor> {
  const box = { name: 'stored policy', onnx, output: 'values' } as const;
  const { batch, time, features } = windowShape(x);
  const frame = time * features;
  const out = new Float32Array(batch * frame);
  for (let start = 0; start < batch; start += ROWS_PER_RUN) {
    const count = Math.min(ROWS_PER_RUN, batch - start);
    const rows = (x.data as Float32Array).slice(start * frame, (start + count) * frame);
    out.set((await forward(box, tensor('float32', [count, time, features], rows))).data as Float32Array, start * frame);
  }
  return tensor('float32', [batch, time, features], out);
}
