import { assign, compile, oneHot, randn, realize, registerBackend, setBackend, tensor, valueAndGrad, zeros, type Tensor } from '@loom/graph';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MirrorBackend } from '../testing/mirror-backend.js';
import { PoolBackend } from './pool-backend.js';
import { WorkerPool } from './worker-pool.js';

let pool: WorkerPool;
let backend: PoolBackend;

beforeAll(async () => {
  pool = await WorkerPool.start({ threads: 2, splitMinFlops: 1 });
  backend = new PoolBackend(pool, 'pool-replay');
  registerBackend('mirror-replay', () => new MirrorBackend(backend, 'mirror-replay'));
  await setBackend('mirror-replay');
});

afterAll(async () => {
  await pool?.terminate();
});

function trainingStep(params: Tensor[]) {
  return async (x: Tensor, y: Tensor): Promise<Tensor> => {
    const loss = (w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) =>
      x.matmul(w1).add(b1).relu().matmul(w2).add(b2).logSoftmax(-1).mul(y).sum().neg().div(x.shape[0]);
    const { value, grads } = await valueAndGrad(loss)(...params);
    await assign(params.map((p, i) => [p, p.sub(grads[i].mul(0.5))] as const));
    return value;
  };
}

describe('a compiled training step through the pool', () => {
  it('is prepared once and replayed in one pool call per step, with values equal to in-process', async () => {
    const params = await realize(randn([8, 16], { seed: 1 }).mul(0.3), zeros([16]), randn([16, 3], { seed: 2 }).mul(0.3), zeros([3]));
    const x = randn([12, 8], { seed: 3 });
    const y = oneHot(tensor(Int32Array.from({ length: 12 }, (_, i) => i % 3)), 3);
    await realize(x, y);
    const step = compile(trainingStep(params));
    const losses: number[] = [];
    losses.push(await (await step(x, y)).item()); // traces, prepares and replays once

    const calls = vi.spyOn(pool, 'call');
    const prepares = vi.spyOn(backend, 'prepare');
    const replays = vi.spyOn(backend, 'replay');
    for (let i = 0; i < 5; i++) {
      const before = calls.mock.calls.length;
      const loss = await step(x, y);
      // The step itself is one call: a replay carrying its queued writes and frees.
      expect(calls.mock.calls.slice(before).map(([call]) => call.kind)).toEqual(['run']);
      losses.push(await loss.item());
    }
    expect(prepares).not.toHaveBeenCalled();
    expect(replays).toHaveBeenCalledTimes(5);
    expect(losses[5]).toBeLessThan(losses[0]);
    calls.mockRestore();
  });
});
