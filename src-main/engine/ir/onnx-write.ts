import onnxProto from 'onnx-proto';
import { asBytes, onnxTypeCode } from './dtype';
import type { Attribute, Graph, Model, Value } from './graph';
import type { Tensor } from './tensor';

const { onnx } = onnxProto;
const AttributeType = onnx.AttributeProto.AttributeType;

/** Serialises a model as ONNX `ModelProto` bytes. */
export function writeModel(model: Model): Uint8Array {
  const proto = onnx.ModelProto.create({
    irVersion: model.irVersion,
    producerName: model.producer,
    opsetImport: model.opsets.map((o) => ({ domain: o.domain, version: o.version })),
    graph: graphProto(model.graph),
  });
  return onnx.ModelProto.encode(proto).finish();
}

function graphProto(graph: Graph): onnxProto.onnx.IGraphProto {
  const boundary = new Set([...graph.inputs, ...graph.outputs].map((v) => v.name));
  return {
    name: graph.name,
    input: graph.inputs.map(valueInfo),
    output: graph.outputs.map(valueInfo),
    initializer: [...graph.initializers].map(([name, t]) => tensorProto(t, name)),
    valueInfo: [...graph.valueTypes]
      .filter(([name]) => !boundary.has(name) && !graph.initializers.has(name))
      .map(([name, type]) => valueInfo({ name, ...type })),
    node: graph.nodes.map((n) => ({
      name: n.name,
      opType: n.op,
      domain: n.domain,
      input: [...n.inputs],
      output: [...n.outputs],
      attribute: Object.entries(n.attributes).map(([name, a]) => attributeProto(name, a)),
    })),
  };
}

function valueInfo(v: Value): onnxProto.onnx.IValueInfoProto {
  if (v.typeUnknown === true) return { name: v.name };
  const dim = v.shape.map((d, i) => {
    const param = v.dimNames?.[i];
    return param !== undefined ? { dimParam: param } : d >= 0 ? { dimValue: d } : {};
  });
  return {
    name: v.name,
    type: { tensorType: { elemType: onnxTypeCode(v.dtype), ...(v.shapeUnknown ? {} : { shape: { dim } }) } },
  };
}

export function tensorProto(t: Tensor, name: string): onnxProto.onnx.ITensorProto {
  return { name, dims: [...t.shape], dataType: onnxTypeCode(t.dtype), rawData: asBytes(t.data).slice() };
}

function attributeProto(name: string, a: Attribute): onnxProto.onnx.IAttributeProto {
  switch (a.kind) {
    case 'int':
      return { name, type: AttributeType.INT, i: a.value };
    case 'float':
      return { name, type: AttributeType.FLOAT, f: a.value };
    case 'string':
      return { name, type: AttributeType.STRING, s: new TextEncoder().encode(a.value) };
    case 'ints':
      return { name, type: AttributeType.INTS, ints: [...a.value] };
    case 'floats':
      return { name, type: AttributeType.FLOATS, floats: [...a.value] };
    case 'strings':
      return { name, type: AttributeType.STRINGS, strings: a.value.map((s) => new TextEncoder().encode(s)) };
    case 'tensor':
      return { name, type: AttributeType.TENSOR, t: tensorProto(a.value, '') };
    case 'graph':
      return { name, type: AttributeType.GRAPH, g: graphProto(a.value) };
  }
}
