import { beforeAll, describe, expect, it } from 'vitest';
import { realize, realizeStats, tensor } from '@loom/graph';
import { useCpu } from './use-cpu.js';

beforeAll(useCpu);

describe('lazy recording and realize', () => {
  it('records ops without running any kernel until a value is asked for', async () => {
    const before = realizeStats().total.kernels;
    const x = tensor([1, 2, 3]);
    const y = x.mul(2).add(1).exp().log();
    expect(y.shape).toEqual([3]);
    expect(realizeStats().total.kernels).toBe(before);
    expect(Array.from(await y.data())).toEqual([3, 5, 7]);
    expect(realizeStats().total.kernels).toBeGreaterThan(before);
  });

  it('runs only the ops the requested value needs (dead nodes are skipped)', async () => {
    const x = tensor([1, 2, 3]);
    const one = tensor([1, 1, 1]);
    await realize(x, one);
    const needed = x.add(one);
    x.mul(one).exp().sum(); // recorded, never asked for
    await needed.data();
    expect(realizeStats().last.kernels).toBe(1);
  });

  it('computes a shared subexpression once when several tensors are realized together', async () => {
    const x = tensor([1, 2, 3]);
    const [one, three] = await realize(tensor([1, 1, 1]), tensor([3, 3, 3]));
    await x.data();
    const shared = x.mul(three);
    const a = shared.add(one);
    const b = shared.sub(one);
    await realize(a, b);
    expect(realizeStats().last.kernels).toBe(3);
    expect(Array.from(await a.data())).toEqual([4, 7, 10]);
    expect(Array.from(await b.data())).toEqual([2, 5, 8]);
  });

  it('does not recompute a realized tensor', async () => {
    const y = tensor([1, 2]).add(1);
    await y.data();
    await y.data();
    expect(realizeStats().last.kernels).toBe(0);
  });

  it('realizes a 2,000-op chain without exhausting the call stack', async () => {
    let t = tensor([0]);
    for (let i = 0; i < 2000; i++) t = t.add(1);
    expect(await t.item()).toBe(2000);
  });

  it('reports the buffers a realize allocated', async () => {
    const [x, y] = [tensor([1, 2]), tensor([3, 4])];
    await x.add(y).mul(y).data();
    // one fused kernel and its output, plus the uploads of x and y
    expect(realizeStats().last).toEqual({ kernels: 1, buffersAllocated: 3 });
  });
});
