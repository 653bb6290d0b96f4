import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fixtureArray } from '../testing/fixtures';
import { readNpy, writeNpy } from './npy';
import { fromNumbers, tensor } from './tensor';

describe('.npy helper', () => {
  it('reads the fixtures numpy wrote: float32 inputs and int64 targets', () => {
    const x = fixtureArray('cnn1d_beat', 'x');
    expect(x.dtype).toBe('float32');
    expect(x.shape).toEqual([4, 360, 1]);
    expect(x.data.length).toBe(4 * 360);
    const target = fixtureArray('cnn1d_beat', 'target');
    expect(target.dtype).toBe('int64');
    // The fixture's JSON lists the same targets.
    expect(Array.from(target.data, Number)).toEqual([1, 0, 2, 0]);
  });

  it.each(['float32', 'float64', 'int64'] as const)('round-trips %s arrays in C order', (dtype) => {
    const original = fromNumbers(dtype, [2, 3], [1, -2, 3, 4.5, -5, 6]);
    const back = readNpy(writeNpy(original));
    expect(back.dtype).toBe(dtype);
    expect(back.shape).toEqual([2, 3]);
    expect(Array.from(back.data, Number)).toEqual(Array.from(original.data, Number));
  });

  it('writes a header numpy accepts: 64-byte aligned, newline-terminated, 1-D shapes with a trailing comma', () => {
    const bytes = writeNpy(tensor('float64', [5]));
    const headerLength = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
    expect(header).toContain("'shape': (5,)");
    expect(header.endsWith('\n')).toBe(true);
    expect(readNpy(bytes).shape).toEqual([5]);
  });

  it('rejects a file that is not .npy with a bad-input error naming the file', () => {
    expect(() => readNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'mask.npy')).toThrow(AppError);
    expect(() => readNpy(new Uint8Array(12), 'mask.npy')).toThrow(/mask\.npy/);
  });
});
