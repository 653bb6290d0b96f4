import { fromNumbers, readModel, writeModel } from '../engine';
import type { Value } from '../engine';
import { AppError } from '../errors';
import { describeShape } from '../models';
import type { BlackBox } from './black-box';
import { anyTimeLength, freshNames } from './graph-edit';

/**
 * A per-time classifier (first output [B, T, K]) seen as the classifier of its last step, [B, K]:
 * tint's classifier called without `return_all`, which is what TimeForwardTunnel methods explain.
 * The view is the same ONNX graph plus one Gather (axis 1, index −1) after the output, with the
 * input's time axis made symbolic (a recurrent classifier exported for its training length takes
 * any prefix; a graph that truly needs that length fails to import, naming its node). So it serves
 * every prefix length and batch size; a traced view would fix both, and the tunnelled explainers
 * call the model at many shapes.
 */
export function lastStepView(box: BlackBox): BlackBox {
  const model = readModel(box.onnx);
  const [output] = model.graph.outputs;
  if (!output || output.shapeUnknown === true || output.shape.length !== 3) {
    throw new AppError(
      'invalid-request',
      `${box.name}: a last-step view needs a first output [B, T, K] (one output per time step), got ${output ? `an output ${describeShape(output)}` : 'no output'}`,
    );
  }
  const fresh = freshNames(model.graph);
  const index = fresh('last_step.index');
  const last: Value = {
    name: fresh(`${output.name}.last_step`),
    dtype: output.dtype,
    shape: [output.shape[0] ?? -1, output.shape[2] ?? -1],
    dimNames: [output.dimNames?.[0], output.dimNames?.[2]],
  };
  const bytes = writeModel({
    ...model,
    graph: {
      ...model.graph,
      inputs: model.graph.inputs.map(anyTimeLength),
      outputs: [last],
      // Types recorded for the training length would contradict a shorter prefix.
      valueTypes: new Map(),
      initializers: new Map([...model.graph.initializers, [index, fromNumbers('int64', [], [-1])]]),
      nodes: [
        ...model.graph.nodes,
        {
          name: fresh('last_step.gather'),
          op: 'Gather',
          domain: '',
          inputs: [output.name, index],
          outputs: [last.name],
          attributes: { axis: { kind: 'int', value: 1 } },
        },
      ],
    },
  });
  return { name: `${box.name} (last time step)`, onnx: bytes, output: box.output };
}
