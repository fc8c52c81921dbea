import { expose, type Endpoint } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type * as WorkerThreads from 'node:worker_threads';
import type { WorkerReady } from '../protocol.js';
import { importNode, isNode } from './environment.js';

/** How a worker entry talks to whoever started it, and how it ends itself. */
export interface ParentLink {
  /** Exposes `api` with Comlink and tells the parent it is ready. */
  expose(api: object): void;
  exit(): void;
}

export async function parentLink(): Promise<ParentLink> {
  const ready: WorkerReady = { kind: 'loom-worker-ready' };
  if (isNode()) {
    const { parentPort } = await importNode<typeof WorkerThreads>('node:worker_threads');
    if (!parentPort) throw new Error('this module is a worker entry: start it with new Worker(...)');
    const endpoint: Endpoint = nodeEndpoint(parentPort);
    return {
      expose: (api) => {
        expose(api, endpoint);
        parentPort.postMessage(ready);
      },
      exit: () => process.exit(1),
    };
  }
  return {
    expose: (api) => {
      expose(api);
      postMessage(ready);
    },
    exit: () => close(),
  };
}
