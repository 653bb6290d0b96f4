import { AppError } from '../../errors';
import { asBytes, fromBytes } from './dtype';
import type { DType } from './dtype';
import { formatShape, tensor } from './tensor';
import type { Tensor } from './tensor';

/** numpy `descr` strings for the element types the `.npy` helper reads and writes (little-endian). */
const descrByDtype: Partial<Record<DType, string>> = {
  float32: '<f4',
  float64: '<f8',
  int64: '<i8',
  int32: '<i4',
  uint8: '|u1',
  bool: '|b1',
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** Parses a `.npy` file (format versions 1–3, C order, little-endian). */
export function readNpy(bytes: Uint8Array, fileName = 'array'): Tensor {
  const fail = (why: string): never => {
    throw new AppError('bad-input', `${fileName} is not a readable .npy array: ${why}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('the numpy magic string is missing');
  const major = bytes[6] ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail(`unexpected header ${header}`);
  if (fortran === 'True') fail('Fortran-ordered arrays are not supported (save with C order)');
  const dtype = (Object.keys(descrByDtype) as DType[]).find((d) => descrByDtype[d] === descr);
  if (dtype === undefined) {
    return fail(`element type '${descr ?? ''}' is not supported (float32, float64, int64, int32, uint8, bool)`);
  }
  const shape = (shapeText ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const data = fromBytes(dtype, bytes.subarray(headerStart + headerLength));
  const expected = shape.reduce((a, b) => a * b, 1);
  if (data.length !== expected) {
    fail(`shape ${formatShape(shape)} needs ${expected} elements but the file holds ${data.length}`);
  }
  return tensor(dtype, shape, data);
}

/** Serialises a tensor as a version-1 `.npy` file. */
export function writeNpy(t: Tensor): Uint8Array {
  const descr = descrByDtype[t.dtype];
  if (descr === undefined) throw new AppError('invalid-request', `.npy output does not support ${t.dtype} arrays`);
  const shape = t.shape.length === 1 ? `(${t.shape[0] ?? 0},)` : `(${t.shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // The header (with magic, version and length) is padded with spaces to a multiple of 64 and ends in '\n'.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const body = asBytes(t.data);
  const out = new Uint8Array(10 + headerBytes.length + body.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  out.set(body, 10 + headerBytes.length);
  return out;
}
