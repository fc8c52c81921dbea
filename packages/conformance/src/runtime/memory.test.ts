import { beforeAll, describe, expect, it } from 'vitest';
import { assign, memory, oneHot, randn, realize, tensor, valueAndGrad, zeros, type Tensor } from '@loom/graph';
import { collectGarbage, useCpu } from './use-cpu.js';

beforeAll(useCpu);

const batch = 32;
const x = randn([batch, 16], { seed: 1 });
const labels = tensor(Int32Array.from({ length: batch }, (_, i) => i % 4), { shape: [batch] });
const targets = oneHot(labels, 4);

function mlpLoss(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor): Tensor {
  const logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
  return logits.logSoftmax(-1).mul(targets).sum().neg().div(batch);
}

function initialParams(): Tensor[] {
  return [randn([16, 32], { seed: 2 }).mul(0.3), zeros([32]), randn([32, 4], { seed: 3 }).mul(0.3), zeros([4])];
}

describe('memory without tidy()', () => {
  it('keeps the live-buffer count flat over 1,000 JAX-style training steps', async () => {
    let params = initialParams();
    const liveAt: number[] = [];
    let firstLoss = NaN;
    let lastLoss = NaN;
    for (let step = 0; step < 1000; step++) {
      const { value, grads } = await valueAndGrad(mlpLoss)(...params);
      params = await realize(...params.map((p, i) => p.sub(grads[i].mul(0.5))));
      lastLoss = await value.item();
      if (step === 0) firstLoss = lastLoss;
      if (step === 10 || step === 999) {
        await collectGarbage();
        liveAt.push(memory().liveBuffers);
      }
    }
    expect(lastLoss).toBeLessThan(firstLoss * 0.5); // it really trained
    expect(liveAt[1]).toBeLessThanOrEqual(liveAt[0]);
  }, 120_000);

  it('keeps the live-buffer count flat over 1,000 PyTorch-style steps with backward() and assign()', async () => {
    const params = initialParams().map((p) => {
      const leaf = p.detach();
      leaf.requiresGrad = true;
      return leaf;
    });
    const liveAt: number[] = [];
    let firstLoss = NaN;
    let lastLoss = NaN;
    for (let step = 0; step < 1000; step++) {
      const loss = mlpLoss(params[0], params[1], params[2], params[3]);
      loss.backward();
      await assign(params.map((p) => [p, p.sub(p.grad!.mul(0.5))] as const), loss);
      for (const p of params) p.grad = undefined;
      lastLoss = await loss.item();
      if (step === 0) firstLoss = lastLoss;
      if (step === 10 || step === 999) {
        await collectGarbage();
        liveAt.push(memory().liveBuffers);
      }
    }
    expect(lastLoss).toBeLessThan(firstLoss * 0.5);
    expect(liveAt[1]).toBeLessThanOrEqual(liveAt[0]);
  }, 120_000);

  it('frees a tensor buffer on dispose() and refuses to use it afterwards', async () => {
    const t = randn([100], { seed: 4 });
    await t.data();
    const before = memory().liveBuffers;
    t.dispose();
    expect(memory().liveBuffers).toBe(before - 1);
    await expect(t.add(1).data()).rejects.toThrow(/disposed/);
  });

  it('frees a buffer when its tensor is garbage-collected', async () => {
    await collectGarbage();
    const before = memory().liveBuffers;
    await (async () => {
      const t = randn([1000], { seed: 5 }).mul(2);
      await t.data();
      expect(memory().liveBuffers).toBeGreaterThan(before);
    })();
    await collectGarbage();
    expect(memory().liveBuffers).toBe(before);
  });

  it('releases with `using` at the end of the block', async () => {
    const before = memory().liveBuffers;
    {
      using t = randn([10], { seed: 6 });
      await t.data();
      expect(memory().liveBuffers).toBe(before + 1);
    }
    expect(memory().liveBuffers).toBe(before);
  });
});
