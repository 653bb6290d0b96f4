import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { fixturesDir } from './sample-data';

/** Test helpers: where the sample files are, and damaged copies of them. Used by the tests only. */

export function fixture(name: string): string {
  return join(fixturesDir('edf'), name);
}

export { sharedData } from './sample-data';

export function scratchDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'salience-edf-'));
}

export interface Patch {
  offset: number;
  /** Latin-1 text written at `offset`. */
  text: string;
}

/** A copy of `source` in `directory` with the patches applied and, optionally, cut to `length` bytes. */
export function damagedCopy(source: string, directory: string, patches: readonly Patch[], length?: number): string {
  const bytes = readFileSync(source);
  for (const patch of patches) bytes.write(patch.text, patch.offset, 'latin1');
  const path = join(directory, `damaged-${String(Date.now())}-${Math.random().toString(36).slice(2)}.edf`);
  writeFileSync(path, length === undefined ? bytes : bytes.subarray(0, length));
  return path;
}

export function copyInto(source: string, directory: string, name: string): string {
  const path = join(directory, name);
  copyFileSync(source, path);
  return path;
}

/**
 * The one single-precision matrix of a MATLAB v5 file (MNE's reference arrays), column-major.
 * Just enough of the format for `test_uneven_samp.mat`: a compressed matrix element.
 */
export function readMatSingleMatrix(path: string): { rows: number; columns: number; data: Float32Array } {
  const file = readFileSync(path);
  const matrix = inflateSync(file.subarray(136, 136 + file.readUInt32LE(132)));
  let rows = 0;
  let columns = 0;
  for (let at = 8; at < matrix.length;) {
    const tag = matrix.readUInt32LE(at);
    const small = tag >>> 16 !== 0;
    const type = small ? tag & 0xffff : tag;
    const size = small ? tag >>> 16 : matrix.readUInt32LE(at + 4);
    const dataAt = at + (small ? 4 : 8);
    if (type === 5) [rows, columns] = [matrix.readInt32LE(dataAt), matrix.readInt32LE(dataAt + 4)];
    if (type === 7) {
      const data = new Float32Array(size / 4);
      for (let i = 0; i < data.length; i++) data[i] = matrix.readFloatLE(dataAt + 4 * i);
      return { rows, columns, data };
    }
    at = small ? at + 8 : dataAt + Math.ceil(size / 8) * 8;
  }
  throw new Error(`${path}: no single-precision matrix`);
}
