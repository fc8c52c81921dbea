/// <reference lib="webworker" />
/**
 * A dedicated worker that starts the WebGPU backend (with only `navigator.gpu`, no DOM) and
 * computes a small matmul + softmax, for worker.browser.test.ts.
 */
import { registerBackend, setBackend, tensor } from '@loom/graph';
import { createWebGpuBackend } from '../create-webgpu-backend.js';

self.onmessage = async () => {
  try {
    const backend = await createWebGpuBackend();
    registerBackend('webgpu', () => backend);
    const info = await setBackend('webgpu');
    const x = tensor([[1, 2], [3, 4]]);
    const values = Array.from(await x.matmul(x).softmax(1).data());
    self.postMessage({ ok: true, backend: info.name, description: info.description ?? '', hasDocument: typeof document !== 'undefined', values });
  } catch (error) {
    self.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
