/** Messages of the benchmark's echo worker (raw postMessage and shared-memory ping-pong). */
export type EchoMessage =
  | { kind: 'echo'; seq: number }
  | { kind: 'spin'; flag: SharedArrayBuffer; rounds: number; mode: 'wait' | 'spin' }
  /** Pure compute for `iterations` rounds, answered with the same message. */
  | { kind: 'burn'; iterations: number; result?: number };

/** Comlink API of the echo worker: an empty call. */
export interface EchoApi {
  ping(): number;
}
