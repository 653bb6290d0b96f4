import type { ApiEventPayload } from './contract';
import type { ApiEventName } from './method-names';

type Listener = (name: ApiEventName, payload: unknown) => void;

/** The service's typed event source; each transport forwards every event to its client. */
export class ApiEventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends ApiEventName>(name: E, payload: ApiEventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onAny(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
