export type { DType, TypedArray } from './dtype';
export { allocate, dtypeFromOnnx, isFloat, onnxTypeCode } from './dtype';
export type { Attribute, Attributes, Graph, Model, Node, OpsetImport, Value, ValueType } from './graph';
export { defaultOpset } from './graph';
export type { Tensor } from './tensor';
export {
  copyElements,
  formatShape,
  fromNumbers,
  numel,
  reshaped,
  scalar,
  strides,
  takeElements,
  tensor,
  toNumbers,
} from './tensor';
export { readModel } from './onnx-read';
export { writeModel } from './onnx-write';
export { readNpy, writeNpy } from './npy';
export { AttributeReader } from './attributes';
