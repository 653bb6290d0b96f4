/**
 * Errors are values with a kind and a message meant for a person. They are thrown inside the
 * services and caught once, at the edge (CLI, IPC, HTTP), where they are shown.
 */
export type ErrorKind = 'invalid-request' | 'not-found' | 'bad-input' | 'internal';

export class AppError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.kind = kind;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
