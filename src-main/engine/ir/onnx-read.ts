import onnxProto from 'onnx-proto';
import { AppError } from '../../errors';
import { dtypeFromOnnx, fromBytes, allocate } from './dtype';
import type { DType, TypedArray } from './dtype';
import type { Attribute, Graph, Model, Node, Value, ValueType } from './graph';
import { tensor } from './tensor';
import type { Tensor } from './tensor';

const { onnx } = onnxProto;
const AttributeType = onnx.AttributeProto.AttributeType;

/** Reads an ONNX `ModelProto`. Problems are reported as 'bad-input' errors naming what is wrong. */
export function readModel(bytes: Uint8Array): Model {
  let proto: onnxProto.onnx.ModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new AppError('bad-input', 'this file is not an ONNX model (its protobuf could not be decoded)', {
      cause: error,
    });
  }
  if (!proto.graph) throw new AppError('bad-input', 'this ONNX model has no graph');
  return {
    graph: readGraph(proto.graph),
    opsets: proto.opsetImport.map((o) => ({ domain: o.domain ?? '', version: toNumber(o.version as unknown) })),
    irVersion: toNumber(proto.irVersion as unknown),
    producer: proto.producerName,
  };
}

function readGraph(proto: onnxProto.onnx.IGraphProto): Graph {
  const initializers = new Map<string, Tensor>();
  for (const t of proto.initializer ?? []) initializers.set(t.name ?? '', readTensor(t));
  const valueTypes = new Map<string, ValueType>();
  for (const info of proto.valueInfo ?? []) {
    const value = readValue(info);
    if (value.shapeUnknown !== true && !value.shape.includes(-1)) valueTypes.set(value.name, value);
  }
  return {
    name: proto.name ?? 'graph',
    // Initializers may also be listed as inputs (IR < 4 style); they are constants, not inputs.
    inputs: (proto.input ?? []).filter((i) => !initializers.has(i.name ?? '')).map(readValue),
    outputs: (proto.output ?? []).map(readValue),
    nodes: (proto.node ?? []).map(readNode),
    initializers,
    valueTypes,
  };
}

function readValue(info: onnxProto.onnx.IValueInfoProto): Value {
  const name = info.name ?? '';
  if (!info.type) return { name, dtype: 'float32', shape: [], shapeUnknown: true, typeUnknown: true };
  const tensorType = info.type.tensorType;
  if (!tensorType)
    throw new AppError('bad-input', `value '${name}' is not a tensor (sequences and maps are not supported)`);
  const dtype = dtypeFromOnnx(tensorType.elemType ?? 0, `value '${name}'`);
  if (!tensorType.shape) return { name, dtype, shape: [], shapeUnknown: true };
  const dims = tensorType.shape.dim ?? [];
  const shape = dims.map((d) =>
    d.dimValue !== undefined && d.dimValue !== null ? toNumber(d.dimValue as unknown) : -1,
  );
  const dimNames = dims.map((d) => (d.dimParam ? d.dimParam : undefined));
  return dimNames.some((n) => n !== undefined) ? { name, dtype, shape, dimNames } : { name, dtype, shape };
}

function readNode(proto: onnxProto.onnx.INodeProto, index: number): Node {
  const name = proto.name ? proto.name : `node${index}`;
  const attributes: Record<string, Attribute> = {};
  for (const a of proto.attribute ?? []) attributes[a.name ?? ''] = readAttribute(a, name);
  return {
    name,
    op: proto.opType ?? '',
    domain: proto.domain === 'ai.onnx' ? '' : (proto.domain ?? ''),
    inputs: proto.input ?? [],
    outputs: proto.output ?? [],
    attributes,
  };
}

function readAttribute(a: onnxProto.onnx.IAttributeProto, nodeName: string): Attribute {
  switch (a.type) {
    case AttributeType.INT:
      return { kind: 'int', value: toNumber(a.i as unknown) };
    case AttributeType.FLOAT:
      return { kind: 'float', value: a.f ?? 0 };
    case AttributeType.STRING:
      return { kind: 'string', value: decodeText(a.s) };
    case AttributeType.INTS:
      return { kind: 'ints', value: (a.ints ?? []).map((v) => toNumber(v as unknown)) };
    case AttributeType.FLOATS:
      return { kind: 'floats', value: a.floats ?? [] };
    case AttributeType.STRINGS:
      return { kind: 'strings', value: (a.strings ?? []).map(decodeText) };
    case AttributeType.TENSOR:
      if (!a.t) break;
      return { kind: 'tensor', value: readTensor(a.t) };
    case AttributeType.GRAPH:
      if (!a.g) break;
      return { kind: 'graph', value: readGraph(a.g) };
    default:
      break;
  }
  throw new AppError('bad-input', `node ${nodeName}: attribute '${a.name ?? ''}' has a type the engine cannot read`);
}

/** Reads a `TensorProto` from raw bytes or from its typed fields. */
export function readTensor(proto: onnxProto.onnx.ITensorProto): Tensor {
  const name = proto.name ?? '';
  if (proto.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (proto.externalData ?? []).length > 0) {
    throw new AppError(
      'bad-input',
      `tensor '${name}' keeps its data in an external file; save the model with its weights embedded`,
    );
  }
  const dtype = dtypeFromOnnx(proto.dataType ?? 0, `tensor '${name}'`);
  const shape = (proto.dims ?? []).map((v) => toNumber(v as unknown));
  const data = proto.rawData && proto.rawData.length > 0 ? fromBytes(dtype, proto.rawData) : typedFields(dtype, proto);
  return tensor(dtype, shape, data);
}

function typedFields(dtype: DType, proto: onnxProto.onnx.ITensorProto): TypedArray {
  const source = fieldFor(dtype, proto);
  const out = allocate(dtype, source.length);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    source.forEach((v, i) => (out[i] = toBigInt(v)));
  } else {
    source.forEach((v, i) => (out[i] = toNumber(v)));
  }
  return out;
}

function fieldFor(dtype: DType, proto: onnxProto.onnx.ITensorProto): readonly unknown[] {
  switch (dtype) {
    case 'float32':
      return proto.floatData ?? [];
    case 'float64':
      return proto.doubleData ?? [];
    case 'int64':
      return (proto.int64Data ?? []) as readonly unknown[];
    case 'uint64':
    case 'uint32':
      return (proto.uint64Data ?? []) as readonly unknown[];
    default:
      // int8/uint8/int16/uint16/int32/bool and float16 bits all live in int32_data.
      return proto.int32Data ?? [];
  }
}

/**
 * protobufjs decodes int64 fields as `Long` objects when the `long` package is present (its type
 * is not visible here, so these fields arrive untyped).
 */
interface LongLike {
  toNumber(): number;
  toString(): string;
}

function isLong(v: unknown): v is LongLike {
  return typeof v === 'object' && v !== null && 'toNumber' in v;
}

function toNumber(v: unknown): number {
  return isLong(v) ? v.toNumber() : Number(v);
}

function toBigInt(v: unknown): bigint {
  return BigInt(isLong(v) ? v.toString() : Number(v));
}

function decodeText(bytes: Uint8Array | null | undefined): string {
  return bytes ? new TextDecoder().decode(bytes) : '';
}
