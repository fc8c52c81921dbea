import { compile, grad, realizeStats, registerBackend, setBackend, setSchedulerOptions, tensor } from '@loom/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebGpuBackend } from './create-webgpu-backend.js';
import { conv2dRef, matmulRef, seeded, worstExcess } from './testing/reference.js';
import type { WebGpuBackend } from './webgpu-backend.js';

let backend: WebGpuBackend;

beforeAll(async () => {
  backend = await createWebGpuBackend();
  registerBackend('webgpu', () => backend);
  await setBackend('webgpu');
});

afterAll(() => backend.destroy());

describe('kernels beyond the conformance shapes', () => {
  it('a batched 70×45 by 45×40 matmul spans partial tiles and matches a float64 reference', async () => {
    const [batch, m, k, n] = [2, 70, 45, 40];
    const a = seeded(batch * m * k, 1);
    const b = seeded(batch * k * n, 2);
    const got = await tensor(a, { shape: [batch, m, k] }).matmul(tensor(b, { shape: [batch, k, n] })).data();
    expect(worstExcess(got, matmulRef(a, b, batch, m, k, n), 1e-5, 1e-5)).toBeLessThanOrEqual(1);
  });

  it('matmul with a bias-and-relu epilogue runs as one kernel and matches the reference', async () => {
    const [m, k, n] = [33, 17, 35];
    const a = seeded(m * k, 3);
    const w = seeded(k * n, 4);
    const bias = seeded(n, 5);
    const y = tensor(a, { shape: [m, k] }).matmul(tensor(w, { shape: [k, n] })).add(tensor(bias)).relu();
    const got = await y.data();
    expect(realizeStats().last.kernels).toBe(1);
    const want = matmulRef(a, w, 1, m, k, n).map((v, i) => Math.max(v + bias[i % n], 0));
    expect(worstExcess(got, want, 1e-5, 1e-5)).toBeLessThanOrEqual(1);
  });

  it('a sum over 5,000 elements reduces in a workgroup tree to the float64 sum', async () => {
    const x = seeded(5000, 6);
    const got = await tensor(x, { shape: [2, 2500] }).sum(1).data();
    const want = [0, 1].map((r) => x.slice(r * 2500, (r + 1) * 2500).reduce((s, v) => s + v, 0));
    expect(worstExcess(got, want, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
  });

  it('a max over a long axis returns NaN when the axis holds one, like the CPU', async () => {
    const x = seeded(300, 7);
    x[211] = NaN;
    const got = await tensor(x, { shape: [3, 100] }).max(1).data();
    expect(Number.isNaN(got[2])).toBe(true);
    expect(got[0]).toBe(Math.max(...x.slice(0, 100)));
  });

  it('conv2d with 24 input channels and padding matches a direct reference', async () => {
    const xs = [2, 24, 9, 7];
    const ws = [20, 24, 3, 3];
    const x = seeded(xs.reduce((a, b) => a * b), 8);
    const w = seeded(ws.reduce((a, b) => a * b), 9);
    const got = await tensor(x, { shape: xs }).conv2d(tensor(w, { shape: ws }), { padding: 1 }).data();
    expect(worstExcess(got, conv2dRef(x, xs, w, ws, 1), 1e-5, 1e-5)).toBeLessThanOrEqual(1);
  });

  it('the conv2d filter gradient of a 64-image batch matches finite sums over the batch', async () => {
    const xs = [64, 2, 5, 5];
    const ws = [3, 2, 3, 3];
    const x = tensor(seeded(64 * 50, 10), { shape: xs });
    const w = seeded(54, 11);
    const [dw] = await grad((wt) => x.conv2d(wt).sum())(tensor(w, { shape: ws }));
    // d/dw sum(conv) = for each tap, the sum of the input pixels it meets.
    const xv = await x.data();
    const want = new Float64Array(54);
    for (let o = 0; o < 3; o++)
      for (let c = 0; c < 2; c++)
        for (let kh = 0; kh < 3; kh++)
          for (let kw = 0; kw < 3; kw++)
            for (let n = 0; n < 64; n++)
              for (let oh = 0; oh < 3; oh++)
                for (let ow = 0; ow < 3; ow++) want[((o * 2 + c) * 3 + kh) * 3 + kw] += xv[((n * 2 + c) * 5 + oh + kh) * 5 + ow + kw];
    expect(worstExcess(await dw.data(), want, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
  });

  it('bool tensors keep their values through u32 storage', async () => {
    const values = new Uint8Array([1, 0, 0, 1, 1]);
    const mask = tensor(values, { dtype: 'bool', shape: [5] });
    expect(Array.from(await mask.data())).toEqual([1, 0, 0, 1, 1]);
    expect(Array.from(await mask.cast('int32').add(tensor([1, 1, 1, 1, 1], 'int32')).data())).toEqual([2, 1, 1, 2, 2]);
  });

  it('int32 arithmetic wraps around like the Int32Arrays of the CPU backend', async () => {
    const a = tensor([2147483647, -7, 65536, 5], 'int32');
    const b = tensor([1, 2, 65536, 0], 'int32');
    expect(Array.from(await a.add(b).data())).toEqual([-2147483648, -5, 131072, 5]);
    expect(Array.from(await a.mul(b).data())).toEqual([2147483647, -14, 0, 0]);
  });
});

describe('data-dependent errors', () => {
  it('a gather with an out-of-range index fails at the next read, naming the op, the index and the axis size', async () => {
    const x = tensor(seeded(15, 12), { shape: [5, 3] });
    const indices = tensor([1, 7, 2], 'int32');
    await expect(x.gather(indices).data()).rejects.toThrow(/gather #\d+: index 7 is out of range for axis 0 of size 5/);
    // The error is reported once; later work is unaffected.
    expect(Array.from(await tensor([1, 2]).add(1).data())).toEqual([2, 3]);
  });
});

describe('binding limits', () => {
  let narrow: WebGpuBackend;
  beforeAll(async () => {
    const adapter = await navigator.gpu.requestAdapter();
    const device = await adapter!.requestDevice();
    const { WebGpuBackend } = await import('./webgpu-backend.js');
    narrow = new WebGpuBackend(device, 'four storage buffers per kernel', { maxStorageBuffers: 4 });
    registerBackend('narrow', () => narrow);
  });
  afterAll(async () => {
    narrow.destroy();
    await setBackend('webgpu');
  });

  it('a fused kernel reading more inputs than a kernel may bind is split and gives the same values', async () => {
    await setBackend('narrow');
    const xs = [1, 2, 3, 4, 5, 6, 7].map((k) => tensor(seeded(6, 20 + k), { shape: [2, 3] }));
    const got = await xs.reduce((acc, x, k) => (k % 2 ? acc.mul(x) : acc.add(x))).data();
    // 7 inputs, 3 per kernel: the schedule's one fused kernel ran as several.
    expect(realizeStats().last.kernels).toBe(1);
    expect(narrow.stats().lastProgram.launches).toBeGreaterThanOrEqual(3);
    const values = await Promise.all(xs.map((x) => x.data()));
    const want = values.reduce((acc, x, k) => acc.map((v, i) => (k % 2 ? v * x[i] : v + x[i])));
    expect(worstExcess(got, want, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
  });

  it('a matmul epilogue reading more inputs than a kernel may bind runs as a separate kernel', async () => {
    await setBackend('narrow');
    const a = seeded(12, 30);
    const w = seeded(12, 31);
    const [b1, b2, b3] = [seeded(4, 32), seeded(4, 33), seeded(4, 34)];
    const y = tensor(a, { shape: [3, 4] }).matmul(tensor(w, { shape: [4, 3] }).reshape([4, 3]));
    const got = await y.add(tensor(b1.slice(0, 3))).mul(tensor(b2.slice(0, 3))).sub(tensor(b3.slice(0, 3))).data();
    const want = matmulRef(a, w, 1, 3, 4, 3).map((v, i) => (v + b1[i % 3]) * b2[i % 3] - b3[i % 3]);
    expect(worstExcess(got, want, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
    expect(realizeStats().last.kernels).toBe(1);
    // The matmul wrote its plain result; the epilogue (itself too wide) ran after it.
    expect(narrow.stats().lastProgram.launches).toBeGreaterThanOrEqual(2);
  });
});

describe('programs and memory', () => {
  it('a compiled step is prepared once and replayed with fresh buffers each call', async () => {
    await setBackend('webgpu');
    const w = tensor([1, 2, 3]);
    const step = compile((x) => x.mul(w).add(1).sum());
    const first = await (await step(tensor([1, 1, 1]))).item();
    const second = await (await step(tensor([2, 0, 1]))).item();
    expect([first, second]).toEqual([9, 8]);
  });

  it('repeating a computation reuses pooled buffers instead of creating new ones', async () => {
    await setBackend('webgpu');
    const run = async () => {
      const x = tensor(seeded(4096, 40), { shape: [64, 64] });
      const y = x.matmul(x).relu().sum();
      await y.item();
      x.dispose();
      y.dispose();
    };
    await run();
    const created = backend.stats().pool.created;
    for (let i = 0; i < 5; i++) await run();
    expect(backend.stats().pool.created).toBe(created);
  });

  it('the unfused schedule gives the same result as the fused one on a softmax', async () => {
    const x = tensor(seeded(40, 41), { shape: [4, 10] });
    const fused = await x.softmax(1).data();
    setSchedulerOptions({ fuse: false });
    try {
      const unfused = await x.softmax(1).data();
      expect(worstExcess(unfused, fused, 1e-6, 1e-7)).toBeLessThanOrEqual(1);
    } finally {
      setSchedulerOptions({ fuse: true });
    }
    expect(await tensor(fused).sum().item()).toBeCloseTo(4, 5);
  });
});
