import { writeModel } from '../../engine/ir';
import type { Tensor, Value } from '../../engine/ir';
import { compileGraph } from '../../engine/program';
import { Tracer } from '../../engine/trace';
import { AppError } from '../../errors';
import type { Network } from './networks';

/**
 * The trained forward graph as a plain ONNX model: input `x` [batch, T, D], output `outputName`
 * (default `y`) [batch, K] or [batch, T, K], the weights (and buffers) as initializers. It is traced
 * for one window and then given a symbolic batch axis, which holds because networks are written
 * with batch-agnostic ops (checked by the tests).
 */
export function exportForwardModel(
  network: Network,
  params: ReadonlyMap<string, Tensor>,
  outputName = 'y',
): Uint8Array {
  const { windowLength, channels } = network.shape;
  const g = new Tracer();
  const x = g.input('x', 'float32', [1, windowLength, channels]);
  const y = network.forward(x, (name) => {
    const value = params.get(name);
    if (!value) throw new AppError('internal', `${network.architecture}: no trained value for '${name}'`);
    return g.constant(value);
  });
  const { model } = compileGraph({ [outputName]: y });
  return writeModel({
    ...model,
    producer: 'salience-train',
    graph: {
      ...model.graph,
      name: network.architecture,
      inputs: model.graph.inputs.map(withBatchAxis),
      outputs: model.graph.outputs.map(withBatchAxis),
      // The traced intermediate shapes have a batch of 1; ONNX Runtime infers them for any batch.
      valueTypes: new Map(),
    },
  });
}

/** A traced input or output of batch 1 as `[batch, …]` with a symbolic batch axis. */
export function withBatchAxis(value: Value): Value {
  const rest = value.shape.slice(1);
  return { ...value, shape: [-1, ...rest], dimNames: ['batch', ...rest.map(() => undefined)] };
}
