/**
 * Thrown by a backend that can no longer run or give back its buffers (a lost GPU device, a dead
 * worker). Callers that can recover — training falls back to another backend with the weights it
 * kept — test for it with `isBackendLostError`, which also recognises the error after it crossed a
 * thread boundary (Comlink keeps `name` and `message`, not the class).
 */
export class BackendLostError extends Error {
  override readonly name = 'BackendLostError';

  constructor(
    /** The backend that is gone. */
    readonly backend: string,
    message: string,
  ) {
    super(message);
  }
}

export function isBackendLostError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'BackendLostError';
}
