import { describe, expect, it } from 'vitest';
import { getBackend, registerBackend, setBackend, tensor } from '@loom/graph';
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

  it('refuses to mix tensors realized on another backend', async () => {
    registerBackend('cpu', () => new CpuBackend());
    await setBackend('cpu');
    const x = tensor([1]);
    await x.data();
    await setBackend('cpu'); // a new backend instance
    await expect(x.add(1).data()).rejects.toThrow(/lives on the "cpu" backend/);
  });
});
