import type { Endpoint } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { isWorkerReady } from '../protocol.js';
import type * as Fs from 'node:fs';
import type * as Url from 'node:url';
import type * as WorkerThreads from 'node:worker_threads';
import { importNode } from './environment.js';

/** A started worker, the same shape for a Web Worker and a worker_threads Worker. */
export interface WorkerHandle {
  /** For Comlink's `wrap`. */
  readonly endpoint: Endpoint;
  /** Resolves when the worker's entry has exposed its API. */
  readonly ready: Promise<void>;
  /** Heard once when the worker dies: uncaught error, exit, or `terminate()`; not after `dispose()`. */
  onDeath(listener: (cause: Error) => void): void;
  /** Node: whether the worker keeps the process alive (true only while calls wait on it). */
  keepAlive(alive: boolean): void;
  /** Kills the worker as a crash would: death listeners hear it. */
  terminate(): Promise<void>;
  /** Stops the worker quietly (the pool shutting down or replacing it). */
  dispose(): Promise<void>;
}

/** Settles `ready` on the worker's ready message, or rejects on its death. */
function handshake(listen: (listener: (data: unknown) => void) => () => void) {
  let resolveReady: () => void = () => undefined;
  let rejectReady: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const stop = listen((data) => {
    if (!isWorkerReady(data)) return;
    stop();
    resolveReady();
  });
  ready.catch(() => undefined);
  return { ready, failReady: rejectReady };
}

class Deaths {
  private listeners: ((cause: Error) => void)[] = [];
  private dead = false;
  ended = false;

  add(listener: (cause: Error) => void): void {
    this.listeners.push(listener);
  }

  report(cause: Error, failReady: (error: Error) => void): void {
    if (this.dead || this.ended) return;
    this.dead = true;
    failReady(cause);
    for (const listener of this.listeners) listener(cause);
  }
}

export function browserWorkerHandle(worker: Worker, name: string): WorkerHandle {
  const deaths = new Deaths();
  const { ready, failReady } = handshake((listener) => {
    const onMessage = (event: MessageEvent): void => listener(event.data);
    worker.addEventListener('message', onMessage);
    return () => worker.removeEventListener('message', onMessage);
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    deaths.report(new Error(`${name} worker threw: ${event.message || 'error while loading or running'}`), failReady);
  });
  worker.addEventListener('messageerror', () => deaths.report(new Error(`${name} worker got a message it could not read`), failReady));
  return {
    endpoint: worker,
    ready,
    onDeath: (listener) => deaths.add(listener),
    keepAlive: () => undefined,
    terminate: async () => {
      worker.terminate();
      deaths.report(new Error(`${name} worker was terminated`), failReady);
    },
    dispose: async () => {
      deaths.ended = true;
      worker.terminate();
    },
  };
}

/**
 * Starts `script` in a worker_threads Worker. Worker scripts must be JavaScript: when the URL
 * points into `src/` (tests running from sources), the built file in `dist/` is used instead.
 */
export async function nodeWorkerHandle(script: URL, name: string): Promise<WorkerHandle> {
  const { Worker } = await importNode<typeof WorkerThreads>('node:worker_threads');
  const { existsSync } = await importNode<typeof Fs>('node:fs');
  const { fileURLToPath } = await importNode<typeof Url>('node:url');
  let url = script;
  if (!existsSync(fileURLToPath(url))) {
    url = new URL(script.href.replace(/\/src\/(?!.*\/src\/)/, '/dist/'));
    if (!existsSync(fileURLToPath(url)))
      throw new Error(`${name} worker: neither ${script.pathname} nor ${url.pathname} exists (build @loom/workers first)`);
  }
  const worker = new Worker(url, { name });
  worker.unref();
  const deaths = new Deaths();
  const { ready, failReady } = handshake((listener) => {
    worker.on('message', listener);
    return () => worker.off('message', listener);
  });
  worker.on('error', (error) => deaths.report(new Error(`${name} worker threw: ${error.message}`, { cause: error }), failReady));
  worker.on('exit', (code) => deaths.report(new Error(`${name} worker exited with code ${code}`), failReady));
  return {
    endpoint: nodeEndpoint(worker),
    ready,
    onDeath: (listener) => deaths.add(listener),
    keepAlive: (alive) => (alive ? worker.ref() : worker.unref()),
    terminate: async () => {
      await worker.terminate();
      deaths.report(new Error(`${name} worker was terminated`), failReady);
    },
    dispose: async () => {
      deaths.ended = true;
      await worker.terminate();
    },
  };
}
