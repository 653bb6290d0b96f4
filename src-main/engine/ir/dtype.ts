import { AppError } from '../../errors';

/** Element types the engine handles; the names are ONNX Runtime's tensor type names. */
export type DType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool';

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** ONNX `TensorProto.DataType` codes. */
const onnxCodes: Record<DType, number> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  uint16: 4,
  int16: 5,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
  uint32: 12,
  uint64: 13,
};

const byCode = new Map<number, DType>(Object.entries(onnxCodes).map(([dtype, code]) => [code, dtype as DType]));

export function onnxTypeCode(dtype: DType): number {
  return onnxCodes[dtype];
}

export function dtypeFromOnnx(code: number, where: string): DType {
  const dtype = byCode.get(code);
  if (dtype === undefined) {
    throw new AppError(
      'bad-input',
      `${where}: ONNX element type ${code} is not supported (numeric and bool tensors only)`,
    );
  }
  return dtype;
}

export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16';
}

/** Whether values of this type are stored as bigint (64-bit integers). */
export function isBigInt(dtype: DType): dtype is 'int64' | 'uint64' {
  return dtype === 'int64' || dtype === 'uint64';
}

export function bytesPerElement(dtype: DType): number {
  return allocate(dtype, 0).BYTES_PER_ELEMENT;
}

/** A zero-filled typed array of `length` elements of `dtype` (float16 is stored as raw uint16 bits). */
export function allocate(dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'float16':
    case 'uint16':
      return new Uint16Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'uint8':
    case 'bool':
      return new Uint8Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'uint32':
      return new Uint32Array(length);
    case 'int64':
      return new BigInt64Array(length);
    case 'uint64':
      return new BigUint64Array(length);
  }
}

/** A typed array of `dtype` viewing (a copy of) `bytes`, which are little-endian. */
export function fromBytes(dtype: DType, bytes: Uint8Array): TypedArray {
  const size = bytesPerElement(dtype);
  if (bytes.byteLength % size !== 0) {
    throw new AppError('bad-input', `${bytes.byteLength} bytes do not hold whole ${dtype} elements`);
  }
  const out = allocate(dtype, bytes.byteLength / size);
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes);
  return out;
}

export function asBytes(data: TypedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
