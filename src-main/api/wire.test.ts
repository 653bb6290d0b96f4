import { describe, expect, it } from 'vitest';
import { decodeBinaryMessage, encodeBinaryMessage } from './wire';

function roundTrip(message: unknown): unknown {
  const frame = encodeBinaryMessage(message);
  if (frame === null) throw new Error('expected a binary frame');
  return decodeBinaryMessage(frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength));
}

describe('binary wire frames', () => {
  it('leave messages without typed arrays to JSON', () => {
    expect(encodeBinaryMessage({ type: 'reply', id: 1, ok: true, result: { records: [] } })).toBeNull();
  });

  it('carry typed arrays of every kind exactly, NaN included, at any alignment', () => {
    const message = {
      type: 'reply',
      id: 3,
      ok: true,
      result: {
        start: 180,
        channels: [
          { index: 2, values: Float32Array.from([0.125, Number.NaN, -1.5]) },
          { index: 0, values: new Float32Array(0) },
        ],
        raw: Int16Array.from([-32768, 32767, 5]),
        mask: Uint8Array.from([1, 0, 1, 1, 0]),
        wide: Float64Array.from([Math.PI]),
        ids: Int32Array.from([7]),
      },
    };
    const decoded = roundTrip(message) as typeof message;
    expect(decoded.result.start).toBe(180);
    expect(decoded.result.channels[0]?.values).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded.result.channels[0]?.values ?? [])).toEqual([0.125, Number.NaN, -1.5]);
    expect(decoded.result.channels[1]?.values.length).toBe(0);
    expect(Array.from(decoded.result.raw)).toEqual([-32768, 32767, 5]);
    expect(Array.from(decoded.result.mask)).toEqual([1, 0, 1, 1, 0]);
    expect(decoded.result.wide[0]).toBe(Math.PI);
    expect(Array.from(decoded.result.ids)).toEqual([7]);
  });

  it('sends only the viewed part of an array that views a larger buffer', () => {
    const backing = Float32Array.from([1, 2, 3, 4, 5]);
    const decoded = roundTrip({ values: backing.subarray(1, 3) }) as { values: Float32Array };
    expect(Array.from(decoded.values)).toEqual([2, 3]);
  });

  it('refuses frames that are not ours', () => {
    expect(() => decodeBinaryMessage(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer)).toThrow(
      /not a Salience binary message/,
    );
  });
});
