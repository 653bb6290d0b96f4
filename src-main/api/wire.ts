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
