import { decodeBinaryMessage, type WireCall, type WireEvent, type WireReply } from '$api/wire';
import type { ApiEventName } from '$api/method-names';
import { ApiCallError, type ApiClient } from './api-client';
import { apiOver, unwrap } from './calls';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Browser mode: the API over a WebSocket to the server that served this page. The page's
 * cookie carries the token on the upgrade request.
 */
export function websocketClient(url: string): ApiClient {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new ApiCallError('internal', `cannot connect to ${url}`)), {
      once: true,
    });
  });
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: ApiEventName, payload: unknown) => void>();
  let nextId = 1;

  socket.addEventListener('message', (message: MessageEvent<unknown>) => {
    const data = (
      typeof message.data === 'string' ? JSON.parse(message.data) : decodeBinaryMessage(message.data as ArrayBuffer)
    ) as WireReply | WireEvent;
    if (data.type === 'event') {
      for (const listener of listeners) listener(data.event, data.payload);
    } else if (data.id !== null) {
      const waiting = pending.get(data.id);
      pending.delete(data.id);
      try {
        waiting?.resolve(unwrap(data));
      } catch (error) {
        waiting?.reject(error as Error);
      }
    }
  });
  socket.addEventListener('close', () => {
    for (const waiting of pending.values()) {
      waiting.reject(new ApiCallError('internal', 'the connection to the Salience server was closed'));
    }
    pending.clear();
  });

  async function call(method: string, params: unknown): Promise<unknown> {
    await opened;
    const id = nextId++;
    const result = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    socket.send(JSON.stringify({ type: 'call', id, method, params } satisfies WireCall));
    return result;
  }

  return {
    ...apiOver(call),
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    transport: 'websocket',
  };
}
