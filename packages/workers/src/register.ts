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
 * repeated `setBackend('pool')`.
 */
export function registerPoolBackend({ name = 'pool', priority = 0, ...options }: RegisterPoolOptions = {}): void {
  let backend: Promise<PoolBackend> | undefined;
  registerBackend(
    name,
    () => {
      backend ??= WorkerPool.start(options).then((pool) => new PoolBackend(pool, name));
      backend.catch(() => (backend = undefined));
      return backend;
    },
    { priority },
  );
}
