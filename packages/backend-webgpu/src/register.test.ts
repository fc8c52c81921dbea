import { registerBackend, setBackend, type Backend } from '@loom/graph';
import { expect, it } from 'vitest';
import { registerWebGpuBackend, WEBGPU_PRIORITY } from './register.js';

/** A backend that is always available, standing in for the CPU backend (this package may not import it). */
const fallback: Backend = {
  name: 'fallback',
  write: () => undefined,
  read: async () => new Float32Array(0),
  free: () => undefined,
  run: () => undefined,
};

it("in Node, 'auto' skips webgpu because navigator.gpu is undefined, and says so", async () => {
  registerBackend('fallback', () => fallback, { priority: WEBGPU_PRIORITY - 1 });
  registerWebGpuBackend();
  const info = await setBackend('auto');
  expect(info.name).toBe('fallback');
  expect(info.reason).toBe('auto: webgpu unavailable (navigator.gpu is undefined: this runtime has no WebGPU (Node, or a browser without it))');
});
