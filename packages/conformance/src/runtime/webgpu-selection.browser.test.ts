/** Backend selection in a browser, where WebGPU may or may not start. */
import { CpuBackend } from '@loom/backend-cpu';
import { createWebGpuBackend, defaultSelfTest, registerWebGpuBackend } from '@loom/backend-webgpu';
import { getBackend, registerBackend, setBackend, tensor } from '@loom/graph';
import { beforeEach, describe, expect, it } from 'vitest';

beforeEach(() => registerBackend('cpu', () => new CpuBackend()));

describe("setBackend('auto') with WebGPU registered", () => {
  it('picks webgpu when an adapter, a device and the self-test all work, and describes the adapter', async () => {
    registerWebGpuBackend();
    const info = await setBackend('auto');
    expect(info).toMatchObject({ name: 'webgpu', reason: 'auto: highest-priority backend available' });
    expect(info.description).toMatch(/^WebGPU on \S+/);
    expect(getBackend()).toEqual(info);
    expect(Array.from(await tensor([1, 2]).mul(3).data())).toEqual([3, 6]);
  });

  it('picks cpu and says why when navigator.gpu is missing', async () => {
    registerWebGpuBackend({ gpu: () => undefined });
    const info = await setBackend('auto');
    expect(info.name).toBe('cpu');
    expect(info.reason).toMatch(/webgpu unavailable \(navigator\.gpu is undefined/);
  });

  it('picks cpu and says why when no adapter is found', async () => {
    registerWebGpuBackend({ gpu: () => ({ requestAdapter: async () => null }) });
    const info = await setBackend('auto');
    expect(info.name).toBe('cpu');
    expect(info.reason).toMatch(/webgpu unavailable \(.*found no adapter/);
  });

  it('picks cpu and reports what the kernel returned when the self-test is forced to fail', async () => {
    registerWebGpuBackend({ selfTest: { ...defaultSelfTest, expected: [0, 0, 0, 0] } });
    const info = await setBackend('auto');
    expect(info.name).toBe('cpu');
    expect(info.reason).toMatch(/webgpu unavailable \(self-test failed on WebGPU on .*returned \[3, 5, 7, 9\], expected \[0, 0, 0, 0\]\)/);
  });
});

describe("setBackend('webgpu')", () => {
  it('reuses the running device when selected again, so tensors made before stay usable', async () => {
    registerWebGpuBackend();
    await setBackend('webgpu');
    const x = tensor([1, 2, 3]);
    await x.data();
    await setBackend('webgpu');
    expect(Array.from(await x.add(1).data())).toEqual([2, 3, 4]);
  });

  it('moves a tensor computed on webgpu to the cpu when it is used after switching', async () => {
    registerWebGpuBackend();
    await setBackend('webgpu');
    const x = tensor([1, 2, 3]).mul(2);
    await x.data();
    await setBackend('cpu');
    expect(Array.from(await x.add(1).data())).toEqual([3, 5, 7]);
  });

  it('names the tensor when its webgpu device was lost before it could move', async () => {
    const gpu = await createWebGpuBackend();
    registerBackend('webgpu', () => gpu);
    await setBackend('webgpu');
    const x = tensor([1, 2, 3]).mul(2);
    await x.data();
    gpu.device.destroy();
    await gpu.device.lost;
    await setBackend('cpu');
    await expect(x.add(1).data()).rejects.toThrow(/mul #\d+.* lives on the "webgpu" backend, which was lost/);
  });
});
