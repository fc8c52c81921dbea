import { registerBackend, setBackend, tensor } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { createWebGpuBackend } from './create-webgpu-backend.js';

describe('device loss', () => {
  it('a device lost under the backend makes later calls fail with an error naming the webgpu backend', async () => {
    const backend = await createWebGpuBackend();
    registerBackend('webgpu-lost', () => backend);
    await setBackend('webgpu-lost');
    const x = tensor([1, 2, 3]);
    expect(Array.from(await x.add(1).data())).toEqual([2, 3, 4]);
    // What a driver reset looks like to the page: the device's `lost` promise resolves.
    backend.device.destroy();
    await backend.device.lost;
    expect(backend.lost).toBe(true);
    await expect(x.add(1).data()).rejects.toThrow(/webgpu backend: the GPU device was lost \(destroyed/);
    expect(() => backend.write(99, 'float32', new Float32Array(1))).toThrow(/webgpu backend: .*lost.*write cannot run/);
  });

  it('a read in flight when the device goes away rejects instead of hanging', async () => {
    const backend = await createWebGpuBackend();
    backend.write(1, 'float32', new Float32Array([1, 2]));
    const reading = backend.read(1);
    backend.destroy();
    await expect(reading).rejects.toThrow(/webgpu/);
  });
});
