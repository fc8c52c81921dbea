import { registerBackend } from '@loom/graph';
import { PoolBackend } from './pool/pool-backend.js';
import { WorkerPool, type PoolOptions } from './pool/worker-pool.js';

export interface RegisterPoolOptions extends PoolOptions {
  /** The name `setBackend` selects it by. Default 'pool'. */
  name?: string;
  /** Rank under setBackend('auto'); higher wins. Default 0. */
  priority?: number;
}

/**
 * Makes the worker pool available as a backend: `registerPoolBackend(); await setBackend('pool')`.
 * The pool starts on first selection and is shared by later selections, so tensors survive a
 * repeated `setBackend('pool')`. Returns the same starter, for callers that need the PoolBackend
 * itself (its pool's statistics, or tests arming faults).
 */
export function registerPoolBackend({ name = 'pool', priority = 0, ...options }: RegisterPoolOptions = {}): () => Promise<PoolBackend> {
  let backend: Promise<PoolBackend> | undefined;
  const start = (): Promise<PoolBackend> => {
    backend ??= WorkerPool.start(options).then(async (pool) => {
      const device = await pool.description();
      return new PoolBackend(pool, name, device ? `${pool.info.reason}: ${device}` : pool.info.reason);
    });
    backend.catch(() => (backend = undefined));
    return backend;
  };
  registerBackend(name, start, { priority });
  return start;
}
