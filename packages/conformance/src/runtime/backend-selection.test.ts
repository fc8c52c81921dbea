import { describe, expect, it } from 'vitest';
import { BackendLostError, compile, getBackend, registerBackend, setBackend, tensor, type Tensor } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';

describe('backend selection', () => {
  it('names the registered backends when asked for an unknown one', async () => {
    registerBackend('cpu', () => new CpuBackend());
    await expect(setBackend('tpu')).rejects.toThrow(/no backend named "tpu".*cpu/);
  });

  it("falls back under 'auto' and says why the preferred backend was skipped", async () => {
    registerBackend('cpu', () => new CpuBackend());
    registerBackend(
      'broken-gpu',
      () => {
        throw new Error('no adapter');
      },
      { priority: 10 },
    );
    const info = await setBackend('auto');
    expect(info.name).toBe('cpu');
    expect(info.reason).toMatch(/broken-gpu unavailable \(no adapter\)/);
    expect(getBackend()).toEqual(info);
    expect(await tensor([1, 2]).add(1).array()).toEqual([2, 3]);
  });

  it('moves tensors realized on another backend when they are next used', async () => {
    registerBackend('cpu', () => new CpuBackend());
    await setBackend('cpu');
    const x = tensor([1, 2]).mul(3);
    await x.data();
    registerBackend('cpu-js', () => new CpuBackend({ wasm: false }));
    await setBackend('cpu-js');
    expect(await x.add(1).array()).toEqual([4, 7]);
    expect(await x.array()).toEqual([3, 6]);
  });

  it('replays a compiled function on the new backend with parameters made on the old one', async () => {
    registerBackend('cpu', () => new CpuBackend());
    await setBackend('cpu');
    const w = tensor([2, 4]);
    await w.data();
    const scaled = compile((x: Tensor) => x.mul(w));
    expect(await (await scaled(tensor([1, 1]))).array()).toEqual([2, 4]);
    registerBackend('cpu-js', () => new CpuBackend({ wasm: false }));
    await setBackend('cpu-js');
    expect(await (await scaled(tensor([3, 1]))).array()).toEqual([6, 4]);
  });

  it('names the tensor and the lost backend when a value cannot move', async () => {
    const doomed = new CpuBackend();
    registerBackend('doomed', () => doomed);
    await setBackend('doomed');
    const x = tensor([1, 2]).add(1);
    await x.data();
    doomed.read = () => Promise.reject(new BackendLostError('doomed', 'doomed backend: the device was lost'));
    registerBackend('cpu', () => new CpuBackend());
    await setBackend('cpu');
    await expect(x.mul(2).data()).rejects.toThrow(/^add #\d+ .*lives on the "cpu" backend, which was lost, so it cannot move to "cpu": doomed backend: the device was lost/);
  });
});
