import { isNode } from './platform/environment.js';
import { browserWorkerHandle, nodeWorkerHandle, type WorkerHandle } from './platform/worker-handle.js';

// The browser branch is written as `new Worker(new URL('./x.js', import.meta.url), { type: 'module' })`
// so Vite bundles the entry; in Node the same built file runs in a worker_threads Worker.

export async function startEngineWorker(): Promise<WorkerHandle> {
  if (isNode()) return nodeWorkerHandle(sibling('engine-worker.js'), 'loom-engine');
  return browserWorkerHandle(
    new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module', name: 'loom-engine' }),
    'loom-engine',
  );
}

/** A file next to this module (written so bundlers do not mistake it for an asset). */
function sibling(file: string, base = import.meta.url): URL {
  return new URL(file, base);
}
