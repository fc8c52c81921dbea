/** Backend selection in Node, where WebGPU is never used (DESIGN.md: machine notes). */
import { CpuBackend } from '@loom/backend-cpu';
import { registerWebGpuBackend } from '@loom/backend-webgpu';
import { registerBackend, setBackend } from '@loom/graph';
import { expect, it } from 'vitest';

it("in Node, 'auto' skips webgpu because navigator.gpu is undefined and picks cpu", async () => {
  registerBackend('cpu', () => new CpuBackend());
  registerWebGpuBackend();
  const info = await setBackend('auto');
  expect(info.name).toBe('cpu');
  expect(info.reason).toMatch(/webgpu unavailable \(navigator\.gpu is undefined/);
});
