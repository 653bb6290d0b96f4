import type { Api, ApiErrorKind } from '$api/contract';
import type { ApiEventName } from '$api/method-names';

/** The contract as the views use it, whatever the transport underneath. */
export type ApiClient = Api & {
  onEvent(listener: (event: ApiEventName, payload: unknown) => void): () => void;
  readonly transport: 'electron' | 'websocket';
};

/** A failed call, with the service's error kind and its message for the analyst. */
export class ApiCallError extends Error {
  readonly kind: ApiErrorKind;

  constructor(kind: ApiErrorKind, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.kind = kind;
  }
}
