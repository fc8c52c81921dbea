import { registerBackend, setBackend } from '@loom/graph';
import { registerWebGpuBackend } from '@loom/backend-webgpu';
import { PoolBackend, WorkerPool } from '@loom/workers';
import type { BackendChoice, BackendReport } from './protocol.js';

let registered = false;

/**
 * Registers the session's backends once: 'webgpu' (priority 10, so 'auto' tries it first) and
 * 'cpu' — the CPU kernels in the @loom/workers pool, never on the session worker's own thread.
 */
export function registerSessionBackends(): void {
  if (registered) return;
  registered = true;
  registerWebGpuBackend();
  let pool: Promise<PoolBackend> | undefined;
  registerBackend('cpu', () => {
    pool ??= WorkerPool.start().then((started) => new PoolBackend(started, 'cpu'));
    pool.catch(() => (pool = undefined));
    return pool;
  });
}

/** Whether a WebGPU adapter description names a software rasteriser (SwiftShader, llvmpipe, WARP). */
export function isSoftwareAdapter(description: string | undefined): boolean {
  return /swiftshader|cpu emulation|llvmpipe|lavapipe|microsoft basic render|warp/i.test(
    description ?? '',
  );
}

/**
 * Selects the backend for the user's choice and says what was chosen and why. 'auto' follows
 * @loom/graph (WebGPU first), except that WebGPU on a software adapter — a GPU emulated on the CPU,
 * as on machines without a GPU — trains far slower than the CPU kernels in the worker pool, so auto
 * picks the pool then and says so.
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendReport> {
  registerSessionBackends();
  const info = await setBackend(choice);
  if (choice === 'auto' && info.name === 'webgpu' && isSoftwareAdapter(info.description)) {
    const pool = await setBackend('cpu');
    const reason = `auto: WebGPU's adapter emulates a GPU on the CPU (${info.description}), slower than the CPU worker pool`;
    return {
      choice,
      name: pool.name,
      ...(pool.description ? { description: pool.description } : {}),
      reason,
    };
  }
  const reason = choice === 'auto' ? info.reason : 'chosen in the backend selector';
  return {
    choice,
    name: info.name,
    ...(info.description ? { description: info.description } : {}),
    reason,
  };
}
