import { getBackend, registerBackend, setBackend, type BackendInfo } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';
import { registerPoolBackend, type PoolBackend } from '@loom/workers';
import { CliError } from './cli-error.js';

export const backendChoices = ['auto', 'cpu', 'webgpu', 'pool'] as const;
export type BackendChoice = (typeof backendChoices)[number];

/** A selected backend and how to release it (the pool's workers would keep Node running). */
export interface SelectedBackend {
  info: BackendInfo;
  close(): Promise<void>;
}

/**
 * Selects the backend for a command in Node: `cpu` runs in-process, `pool` in worker threads;
 * `auto` is the CPU (WebGPU in Node is not dependable — it is tested in Chromium), `webgpu` says so.
 */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<SelectedBackend> {
  if (choice === 'webgpu')
    throw new CliError('--backend webgpu: WebGPU is not available to the loom command in Node; use cpu or pool (WebGPU runs in the editor, in a browser)');
  if (choice === 'pool') {
    const start = registerPoolBackend();
    let backend: PoolBackend | undefined;
    try {
      backend = await start();
      await setBackend('pool');
    } catch (error) {
      throw new CliError(`--backend pool: the worker pool did not start (${error instanceof Error ? error.message : String(error)})`);
    }
    const pool = backend;
    return { info: getBackend(), close: () => pool.pool.terminate() };
  }
  registerBackend('cpu', () => new CpuBackend());
  const info = await setBackend('cpu');
  const reason = choice === 'auto' ? 'auto: the in-process CPU backend (WebGPU is used in browsers)' : info.reason;
  return { info: { ...info, reason }, close: async () => {} };
}

/** "backend: cpu — WASM SIMD kernels (relaxed-SIMD FMA) (auto: …)": what runs the kernels, and why. */
export function backendLine({ name, description, reason }: BackendInfo): string {
  return `backend: ${name}${description ? ` — ${description}` : ''} (${reason})\n`;
}
