import { JobCancelled, type CancelSignal } from './job-kind';

/**
 * Cancel as one Int32 of shared memory (0 running, 1 cancel asked): the queue's thread writes it,
 * the worker reads it at every step without waiting for a message it could not receive while busy.
 */
export function createCancelFlag(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

export function requestCancel(flag: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(flag), 0, 1);
}

export function sharedCancelSignal(flag: SharedArrayBuffer): CancelSignal {
  const cell = new Int32Array(flag);
  return {
    get cancelled() {
      return Atomics.load(cell, 0) === 1;
    },
    throwIfCancelled() {
      if (Atomics.load(cell, 0) === 1) throw new JobCancelled();
    },
  };
}
