import { isNode } from './platform/environment.js';
import { browserWorkerHandle, nodeWorkerHandle, type WorkerHandle } from './platform/worker-handle.js';

// Each browser branch is written as `new Worker(new URL('./x.js', import.meta.url), { type: 'module' })`
// so Vite bundles the entry; in Node the same built file runs in a worker_threads Worker.

export async function startEngineWorker(): Promise<WorkerHandle> {
  if (isNode()) return nodeWorkerHandle(sibling('engine-worker.js'), 'loom-engine');
  return browserWorkerHandle(
    new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module', name: 'loom-engine' }),
    'loom-engine',
  );
}

export async function startHelperWorker(index: number): Promise<WorkerHandle> {
  const name = `loom-helper-${index}`;
  if (isNode()) return nodeWorkerHandle(sibling('helper-worker.js'), name);
  return browserWorkerHandle(new Worker(new URL('./helper-worker.js', import.meta.url), { type: 'module', name }), name);
}

/** A file next to this module (written so bundlers do not mistake it for an asset). */
function sibling(file: string, base = import.meta.url): URL {
  return new URL(file, base);
}
