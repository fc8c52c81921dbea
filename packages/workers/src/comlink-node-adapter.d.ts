// comlink ships this adapter without declarations TypeScript can find next to the .mjs file.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';

  /** The part of a worker_threads Worker or MessagePort the adapter uses. */
  export interface NodeEndpoint {
    postMessage(message: unknown, transfer?: readonly unknown[]): void;
    on(type: 'message', listener: (data: unknown) => void): unknown;
    off(type: 'message', listener: (data: unknown) => void): unknown;
    start?: () => void;
  }

  /** Wraps a worker_threads Worker or MessagePort as a Comlink endpoint. */
  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
