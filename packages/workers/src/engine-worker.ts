/**
 * Entry of the engine worker: a CpuBackend — or, in a browser asked for it, a WebGPU backend on
 * the worker's own `navigator.gpu` — behind the Comlink-exposed `EngineApi`.
 */
import { CpuBackend } from '@loom/backend-cpu';
import type { WebGpuBackend } from '@loom/backend-webgpu';
import { Engine } from './engine.js';
import { parentLink } from './platform/parent-endpoint.js';

const parent = await parentLink();
let gpu: WebGpuBackend | undefined;
parent.expose(
  new Engine(
    async ({ wasm, device }) => {
      if (device === 'cpu') return new CpuBackend({ wasm });
      // Loaded only when asked for, so CPU engines never fetch the WGSL kernels.
      const { createWebGpuBackend } = await import('@loom/backend-webgpu');
      gpu = await createWebGpuBackend();
      return gpu;
    },
    {
      exit: parent.exit,
      loseDevice: async () => {
        if (!gpu) return;
        gpu.device.destroy();
        await gpu.device.lost;
      },
    },
  ),
);
