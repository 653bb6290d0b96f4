import ort from 'onnxruntime-node';
import { allocate, writeModel } from '../ir';
import type { DType, Model, Node, Value, ValueType } from '../ir';
import { lookupOp } from '../ops';

/** Nodes whose op the engine has no shape rule for. */
export function unknownNodes(model: Model): Node[] {
  return model.graph.nodes.filter((n) => !lookupOp(n.domain, n.op));
}

/**
 * The output types of `nodes` (ops the engine does not know), found by running the model once in
 * ONNX Runtime on zeros with those outputs exposed: with static input shapes, their shapes are
 * static too. This keeps the forward pass of such a model available.
 */
export async function probeOutputTypes(
  model: Model,
  inputs: readonly Value[],
  nodes: readonly Node[],
): Promise<Map<string, ValueType>> {
  const probed = nodes.flatMap((n) => n.outputs.filter((o) => o !== ''));
  const outputs: Value[] = [
    ...model.graph.outputs,
    ...probed.map((name): Value => ({ name, dtype: 'float32', shape: [], shapeUnknown: true, typeUnknown: true })),
  ];
  const bytes = writeModel({ ...model, graph: { ...model.graph, inputs, outputs, valueTypes: new Map() } });
  const session = await ort.InferenceSession.create(bytes);
  try {
    const feeds = Object.fromEntries(
      inputs.map((i) => [
        i.name,
        new ort.Tensor(
          i.dtype,
          allocate(
            i.dtype,
            i.shape.reduce((a, b) => a * b, 1),
          ),
          [...i.shape],
        ),
      ]),
    );
    const results = await session.run(feeds, probed);
    return new Map(
      probed.flatMap((name) => {
        const value = results[name];
        return value ? [[name, { dtype: value.type as DType, shape: value.dims.map(Number) }] as const] : [];
      }),
    );
  } finally {
    await session.release();
  }
}
