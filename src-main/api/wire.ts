import type { ApiErrorBody } from './contract';
import type { ApiEventName, ApiMethodName } from './method-names';

/** What a call returns across either transport: a result, or an error value. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/** Browser mode's WebSocket messages (JSON text frames). */
export interface WireCall {
  type: 'call';
  id: number;
  method: string;
  params: unknown;
}

export type WireReply = { type: 'reply'; id: number | null } & CallOutcome;

export interface WireEvent {
  type: 'event';
  event: ApiEventName;
  payload: unknown;
}

/**
 * What Electron's preload exposes on `window.salience`: one function per API method, each
 * resolving to a call outcome, and a subscription to every API event.
 */
export type PreloadBridge = { [M in ApiMethodName]: (params: unknown) => Promise<CallOutcome> } & {
  onEvent(listener: (event: ApiEventName, payload: unknown) => void): () => void;
};

/**
 * Browser mode's binary frames, for messages that carry typed arrays (signal windows): a
 * JSON header in which each array is replaced by `{"$array": kind, "offset", "length"}`,
 * followed by the arrays' bytes, each 8-byte aligned so the receiver views them without
 * copying. Layout: 'SWB1', uint32 header length (little-endian), header, padding, arrays.
 */
const MAGIC = 0x31425753; // 'SWB1' read as a little-endian uint32
const arrayKinds = {
  f32: Float32Array,
  f64: Float64Array,
  i32: Int32Array,
  i16: Int16Array,
  u8: Uint8Array,
} as const;
type ArrayKind = keyof typeof arrayKinds;
type WireTypedArray = InstanceType<(typeof arrayKinds)[ArrayKind]>;

interface ArrayPlaceholder {
  $array: ArrayKind;
  offset: number;
  length: number;
}

function kindOf(value: unknown): ArrayKind | null {
  for (const [kind, type] of Object.entries(arrayKinds)) if (value instanceof type) return kind as ArrayKind;
  return null;
}

/** The binary frame for `message`, or null when it holds no typed array (send it as JSON text). */
export function encodeBinaryMessage(message: unknown): Uint8Array | null {
  const arrays: WireTypedArray[] = [];
  let bytes = 0;
  const header = JSON.stringify(message, (_key, value: unknown) => {
    const kind = kindOf(value);
    if (kind === null) return value;
    const array = value as WireTypedArray;
    const placeholder: ArrayPlaceholder = { $array: kind, offset: bytes, length: array.length };
    arrays.push(array);
    bytes += Math.ceil(array.byteLength / 8) * 8;
    return placeholder;
  });
  if (arrays.length === 0) return null;
  const headerBytes = new TextEncoder().encode(header);
  const dataStart = Math.ceil((8 + headerBytes.length) / 8) * 8;
  const frame = new Uint8Array(dataStart + bytes);
  const view = new DataView(frame.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  frame.set(headerBytes, 8);
  let offset = dataStart;
  for (const array of arrays) {
    frame.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset += Math.ceil(array.byteLength / 8) * 8;
  }
  return frame;
}

/** Reads a frame written by `encodeBinaryMessage`; the arrays are views on `buffer`. */
export function decodeBinaryMessage(buffer: ArrayBufferLike): unknown {
  const view = new DataView(buffer);
  if (buffer.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a Salience binary message');
  const headerLength = view.getUint32(4, true);
  const dataStart = Math.ceil((8 + headerLength) / 8) * 8;
  const header = new TextDecoder().decode(new Uint8Array(buffer, 8, headerLength));
  return JSON.parse(header, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || !('$array' in value)) return value;
    const { $array, offset, length } = value as ArrayPlaceholder;
    return new arrayKinds[$array](buffer as ArrayBuffer, dataStart + offset, length);
  });
}
