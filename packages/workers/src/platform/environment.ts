import type * as Os from 'node:os';

/** True in Node (main thread or worker_threads); false in browsers and their workers. */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

export interface SharedMemorySupport {
  available: boolean;
  /** Why not, when it is not: said once by the pool, not per op. */
  reason: string;
}

/**
 * SharedArrayBuffer exists in Node and in cross-origin isolated pages (served with COOP/COEP
 * headers); elsewhere the pool runs on one worker.
 */
export function sharedMemorySupport(): SharedMemorySupport {
  if (typeof SharedArrayBuffer !== 'function')
    return {
      available: false,
      reason:
        'SharedArrayBuffer is unavailable (the page is not cross-origin isolated: serve it with ' +
        'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)',
    };
  if (typeof crossOriginIsolated === 'boolean' && !crossOriginIsolated && !isNode())
    return { available: false, reason: 'the page is not cross-origin isolated, so memory cannot be shared between workers' };
  return { available: true, reason: 'shared memory available' };
}

/**
 * Imports a Node built-in by a name bundlers do not follow, so browser bundles never try to include
 * it; only reached when `isNode()`.
 */
export async function importNode<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}

/** Threads the machine offers: navigator.hardwareConcurrency, or os.availableParallelism in Node. */
export async function availableParallelism(): Promise<number> {
  if (isNode()) {
    const os = await importNode<typeof Os>('node:os');
    return os.availableParallelism();
  }
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1;
}
