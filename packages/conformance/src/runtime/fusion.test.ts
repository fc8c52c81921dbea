import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memory, randn, realize, realizeStats, resetPeakMemory, setSchedulerOptions, tensor, zeros } from '@loom/graph';
import { useCpu } from './use-cpu.js';

beforeAll(useCpu);
afterEach(() => setSchedulerOptions({ fuse: true }));

describe('fusion', () => {
  it('runs a chain of 5 elementwise ops as 1 kernel', async () => {
    const x = randn([64, 64], { seed: 1 });
    await x.data();
    const y = x.mul(2).add(1).tanh().exp().sub(0.5);
    const values = await y.data();
    expect(realizeStats().last.kernels).toBe(1);
    setSchedulerOptions({ fuse: false });
    const reference = await x.mul(2).add(1).tanh().exp().sub(0.5).data();
    expect(realizeStats().last.kernels).toBeGreaterThanOrEqual(5);
    values.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 5));
  });

  it('runs matmul + bias + relu as 1 kernel', async () => {
    const [x, w, b] = await realize(randn([8, 16], { seed: 2 }), randn([16, 4], { seed: 3 }), randn([4], { seed: 4 }));
    const y = x.matmul(w).add(b).relu();
    const fused = Array.from(await y.data());
    expect(realizeStats().last.kernels).toBe(1);
    setSchedulerOptions({ fuse: false });
    const reference = Array.from(await x.matmul(w).add(b).relu().data());
    fused.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 5));
  });

  it('runs conv2d + bias + relu as 1 kernel', async () => {
    const [x, w, b] = await realize(randn([2, 3, 8, 8], { seed: 5 }), randn([4, 3, 3, 3], { seed: 6 }), randn([4, 1, 1], { seed: 7 }));
    await x.conv2d(w, { padding: 1 }).add(b).relu().data();
    expect(realizeStats().last.kernels).toBe(1);
  });

  it('reads broadcasts, transposes and slices in place instead of copying them', async () => {
    const [a, b] = await realize(randn([3, 4], { seed: 8 }), randn([4], { seed: 9 }));
    const y = a.slice([0, 1], [3, 3]).transpose().add(b.slice([1], [3]).reshape([2, 1]));
    const values = await y.array();
    expect(realizeStats().last.kernels).toBe(1);
    const [av, bv] = [(await a.array()) as number[][], (await b.array()) as number[]];
    const expected = [1, 2].map((i) => [0, 1, 2].map((j) => av[j][i] + bv[i]));
    (values as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 6)));
  });

  it('materializes a value read by two consumers once', async () => {
    const x = await realize(randn([10], { seed: 10 })).then(([t]) => t);
    const shared = x.exp();
    await realize(shared.add(1), shared.mul(2));
    expect(realizeStats().last.kernels).toBe(3);
  });
});

describe('buffer plan', () => {
  it('keeps a 100-op chain at a handful of live buffers, fused or not', async () => {
    const n = 4096;
    const bytes = n * 4;
    for (const fuse of [true, false]) {
      setSchedulerOptions({ fuse });
      const x = zeros([n]);
      await x.data();
      let y = x;
      for (let i = 0; i < 100; i++) y = i % 2 ? y.add(1) : y.mul(1.5);
      resetPeakMemory();
      const before = memory().liveBytes;
      await y.data();
      // the output plus at most two ping-pong intermediates (and the uploaded scalar constants)
      expect(memory().peakBytes - before).toBeLessThanOrEqual(3 * bytes + 1024);
    }
  });

  it('reuses the buffer of a freed intermediate for a later output of the same size', async () => {
    setSchedulerOptions({ fuse: false });
    const x = tensor([1, 2, 3, 4]);
    await x.data();
    await x.add(x).mul(x).sub(x).neg().data();
    // 4 kernels, but only 2 buffers: each output reuses the one freed before it
    expect(realizeStats().last).toEqual({ kernels: 4, buffersAllocated: 2 });
  });
});
