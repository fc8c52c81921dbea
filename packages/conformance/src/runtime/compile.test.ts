import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  assign,
  compile,
  dropout,
  memory,
  oneHot,
  randn,
  realize,
  registerBackend,
  setBackend,
  tensor,
  valueAndGrad,
  zeros,
  type Backend,
  type Program,
  type Tensor,
} from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';
import { collectGarbage, useCpu } from './use-cpu.js';

beforeAll(useCpu);

function mlp(params: readonly Tensor[], x: Tensor): Tensor {
  const [w1, b1, w2, b2] = params;
  return x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
}

function crossEntropy(logits: Tensor, targets: Tensor): Tensor {
  return logits.logSoftmax(-1).mul(targets).sum().neg().div(logits.shape[0]);
}

async function initialParams(): Promise<Tensor[]> {
  return realize(randn([8, 16], { seed: 1 }).mul(0.3), zeros([16]), randn([16, 3], { seed: 2 }).mul(0.3), zeros([3]));
}

/** A small classification batch, made on whichever backend is active. */
function batch(seed: number): [Tensor, Tensor] {
  const labels = tensor(Int32Array.from({ length: 12 }, (_, i) => i % 3), { shape: [12] });
  return [randn([12, 8], { seed }), oneHot(labels, 3)];
}

/** One SGD step written with the public API; compiled or not, it must do the same thing. */
function makeStep(params: Tensor[]) {
  return async (input: Tensor, target: Tensor) => {
    const { value, grads } = await valueAndGrad((...p: Tensor[]) => crossEntropy(mlp(p, input), target))(...params);
    await assign(params.map((p, i) => [p, p.sub(grads[i].mul(0.5))] as const));
    return value;
  };
}

describe('compile', () => {
  it('replays a training step with the same losses and weights as running it uncompiled', async () => {
    const eager = await initialParams();
    const traced = await initialParams();
    const [x, targets] = batch(3);
    const eagerStep = makeStep(eager);
    const compiledStep = compile(makeStep(traced));
    for (let i = 0; i < 5; i++) {
      const expected = await (await eagerStep(x, targets)).item();
      const actual = await (await compiledStep(x, targets)).item();
      expect(actual).toBeCloseTo(expected, 5);
    }
    const [we, wc] = [await eager[2].data(), await traced[2].data()];
    wc.forEach((v, i) => expect(v).toBeCloseTo(we[i], 5));
  });

  it('traces once per argument signature and replays without re-scheduling', async () => {
    let traces = 0;
    const f = compile((a: Tensor) => {
      traces++;
      return a.mul(2).add(1);
    });
    expect(await (await f(tensor([1, 2]))).array()).toEqual([3, 5]);
    expect(await (await f(tensor([5, 6]))).array()).toEqual([11, 13]);
    expect(await (await f(tensor([1, 2, 3]))).array()).toEqual([3, 5, 7]);
    expect(traces).toBe(2);
  });

  it('runs a whole training step as one program sent to the backend once', async () => {
    const backend = new CpuBackend();
    const prepare = vi.spyOn(backend, 'prepare');
    const replay = vi.spyOn(backend, 'replay');
    registerBackend('recording', () => backend);
    await setBackend('recording');
    try {
      const step = compile(makeStep(await initialParams()));
      const [input, target] = await realize(...batch(3));
      const losses: number[] = [];
      for (let i = 0; i < 20; i++) losses.push(await (await step(input, target)).item());
      expect(prepare).toHaveBeenCalledTimes(1);
      expect(replay).toHaveBeenCalledTimes(20);
      expect(losses[19]).toBeLessThan(losses[0]);
    } finally {
      await useCpu();
    }
  });

  it('replays on a backend that keeps no programs as one run with rewritten buffer ids', async () => {
    const inner = new CpuBackend();
    const run = vi.fn((program: Program) => inner.run(program));
    const plain: Backend = {
      name: 'plain',
      write: (id, dtype, data) => inner.write(id, dtype, data),
      read: (id) => inner.read(id),
      free: (id) => inner.free(id),
      run,
    };
    registerBackend('plain', () => plain);
    await setBackend('plain');
    try {
      const step = compile(makeStep(await initialParams()));
      const [input, target] = await realize(...batch(3));
      const losses: number[] = [];
      for (let i = 0; i < 10; i++) {
        run.mockClear();
        const loss = await step(input, target);
        losses.push(await loss.item()); // reading a realized value runs nothing more
        expect(run).toHaveBeenCalledTimes(1);
      }
      expect(losses[9]).toBeLessThan(losses[0]);
    } finally {
      await useCpu();
    }
  });

  it('releases a prepared program once its compiled function is garbage-collected', async () => {
    const released: number[] = [];
    const inner = new CpuBackend();
    const spy: Backend = {
      name: 'release-spy',
      write: inner.write.bind(inner),
      read: inner.read.bind(inner),
      free: inner.free.bind(inner),
      run: inner.run.bind(inner),
      prepare: inner.prepare.bind(inner),
      replay: inner.replay.bind(inner),
      release: (id) => released.push(id),
    };
    registerBackend('release-spy', () => spy);
    await setBackend('release-spy');
    try {
      await (async () => {
        const f = compile((a: Tensor) => a.add(1));
        expect(await (await f(tensor([1]))).item()).toBe(2);
      })();
      await collectGarbage();
      expect(released).toHaveLength(1);
    } finally {
      await useCpu();
    }
  });

  it('keeps memory flat over many replays', async () => {
    const params = await initialParams();
    const step = compile(makeStep(params));
    const [input, target] = await realize(...batch(4));
    const live: number[] = [];
    for (let i = 0; i < 300; i++) {
      await (await step(input, target)).item();
      if (i === 10 || i === 299) {
        await collectGarbage();
        live.push(memory().liveBuffers);
      }
    }
    expect(live[1]).toBeLessThanOrEqual(live[0]);
  });

  it('draws fresh random samples at each replay, so dropout masks differ per step', async () => {
    const f = compile((a: Tensor) => dropout(a, 0.5, { seed: 7 }));
    const ones = await realize(tensor(new Float32Array(64).fill(1), { shape: [64] })).then(([t]) => t);
    const first = Array.from(await (await f(ones)).data());
    const second = Array.from(await (await f(ones)).data());
    expect(first).not.toEqual(second);
    for (const mask of [first, second]) expect(mask.every((v) => v === 0 || v === 2)).toBe(true);
    // each replay's samples are freed right away, not left to the garbage collector
    const live = memory().liveBuffers;
    for (let i = 0; i < 20; i++) (await f(ones)).dispose();
    expect(memory().liveBuffers).toBe(live);
  });

  it('refuses to read values inside the traced function', async () => {
    const f = compile(async (a: Tensor) => {
      await a.data();
      return a;
    });
    await expect(f(tensor([1]))).rejects.toThrow(/inside a function compile\(\) is tracing/);
  });
});
