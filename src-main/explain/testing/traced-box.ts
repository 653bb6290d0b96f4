import { Program, readModel, Tracer, writeModel } from '../../engine';
import type { Traced, Value } from '../../engine';
import type { BlackBox } from '../black-box';

/** A model traced on [1, T, F] windows, saved as ONNX that takes any batch size and length. */
export async function tracedBox(
  name: string,
  [time, features]: readonly [number, number],
  output: BlackBox['output'],
  build: (g: Tracer, x: Traced) => Traced,
): Promise<BlackBox> {
  const g = new Tracer();
  const y = build(g, g.input('x', 'float32', [1, time, features]));
  const model = readModel((await Program.compile({ y })).modelBytes);
  const dynamic = (v: Value, dims: number): Value => ({
    ...v,
    shape: v.shape.map((d, i) => (i < dims ? -1 : d)),
    dimNames: ['batch', 'time'].slice(0, dims),
  });
  const graph = {
    ...model.graph,
    inputs: model.graph.inputs.map((v) => dynamic(v, 2)),
    outputs: model.graph.outputs.map((v) => dynamic(v, 1)),
    valueTypes: new Map(),
  };
  return { name, onnx: writeModel({ ...model, graph }), output };
}
