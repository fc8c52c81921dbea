import { registerBackend } from '@loom/graph';
import { createWebGpuBackend, type WebGpuBackendOptions } from './create-webgpu-backend.js';
import type { WebGpuBackend } from './webgpu-backend.js';

/** Above the CPU backend's (0), so `setBackend('auto')` tries WebGPU first. */
export const WEBGPU_PRIORITY = 10;

/**
 * Makes 'webgpu' available to `setBackend`. Selecting it again reuses the running device (tensors
 * stay valid); after the device is lost, the next selection starts a new one. In Node (no
 * `navigator.gpu`) it fails fast and 'auto' moves on, recording why.
 */
export function registerWebGpuBackend(options: WebGpuBackendOptions = {}): void {
  let running: Promise<WebGpuBackend> | undefined;
  registerBackend(
    'webgpu',
    async () => {
      const current = running && (await running.catch(() => undefined));
      if (current && !current.lost) return current;
      running = createWebGpuBackend(options);
      return running;
    },
    { priority: WEBGPU_PRIORITY },
  );
}
