import type { WebSocket } from 'ws';
import { dispatch, encodeBinaryMessage, type Service, type WireCall, type WireEvent, type WireReply } from '../api';

/** Carries the API over one WebSocket: JSON calls in, replies and events out. */
export function serveApiSocket(socket: WebSocket, service: Service): void {
  const unsubscribe = service.events.onAny((event, payload) => {
    send(socket, { type: 'event', event, payload } satisfies WireEvent);
  });
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    const call = !isBinary && Buffer.isBuffer(data) ? parseCall(data.toString('utf8')) : null;
    if (call === null) {
      send(socket, {
        type: 'reply',
        id: null,
        ok: false,
        error: { kind: 'invalid-request', message: 'expected a JSON text message {type: "call", id, method, params}' },
      } satisfies WireReply);
      return;
    }
    void dispatch(service.api, call.method, call.params).then((outcome) => {
      send(socket, { type: 'reply', id: call.id, ...outcome } satisfies WireReply);
    });
  });
}

function parseCall(text: string): WireCall | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, id, method, params } = value as Record<string, unknown>;
  if (type !== 'call' || !Number.isSafeInteger(id) || typeof method !== 'string') return null;
  return { type, id: id as number, method, params };
}

/** Typed arrays (signal windows) go as one binary frame; everything else as JSON text. */
function send(socket: WebSocket, message: WireReply | WireEvent): void {
  if (socket.readyState !== socket.OPEN) return;
  const frame = encodeBinaryMessage(message);
  socket.send(frame ?? JSON.stringify(message), { binary: frame !== null });
}
