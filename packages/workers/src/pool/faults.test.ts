import { compile, gather, randn, registerBackend, setBackend, setSchedulerOptions, tensor, type Tensor } from '@loom/graph';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineFault } from '../protocol.js';
import { PoolBackend } from './pool-backend.js';
import { WorkerPool } from './worker-pool.js';

/** The label the graph gives the launch computing `t` when it is realized on its own. */
const labelOf = (t: Tensor): string => `${t.op} #${t.id}`;

async function poolBackend(options: { callTimeoutMs?: number }): Promise<PoolBackend> {
  const pool = await WorkerPool.start({ threads: 2, ...options });
  const backend = new PoolBackend(pool, `pool-${Math.random().toString(36).slice(2)}`);
  registerBackend(backend.name, () => backend);
  await setBackend(backend.name);
  return backend;
}

function arm(backend: PoolBackend, fault: EngineFault): Promise<void> {
  return backend.pool.call({ kind: 'control', what: 'arm a fault' }, (engine) => engine.armFault(fault));
}

const backends: PoolBackend[] = [];

beforeAll(() => setSchedulerOptions({ fuse: false }));
afterAll(() => setSchedulerOptions({ fuse: true }));
afterEach(async () => {
  await Promise.all(backends.splice(0).map((b) => b.pool.terminate()));
});

async function start(options: { callTimeoutMs?: number } = {}): Promise<PoolBackend> {
  const backend = await poolBackend(options);
  backends.push(backend);
  return backend;
}

describe('kernel errors', () => {
  it('reject the run with an Error naming the program and the op label, and the next call succeeds', async () => {
    await start();
    const x = tensor([1, 2, 3]);
    const picked = gather(x, tensor(new Int32Array([0, 7])), 0);
    await expect(picked.data()).rejects.toThrow(new RegExp(`program #\\d+, step \\d+ \\(${labelOf(picked)}\\): .*7`));
    expect(await x.add(1).data()).toEqual(new Float32Array([2, 3, 4]));
  });

  it('of a replayed step (not waited for) are thrown by the read that follows, naming the op, and the next step works', async () => {
    await start();
    const x = tensor([1, 2, 3]);
    const step = compile(async (indices: Tensor) => gather(x, indices, 0).sum());
    const good = tensor(new Int32Array([0, 2]));
    expect(await (await step(good)).item()).toBe(4); // traced and run
    expect(await (await step(good)).item()).toBe(4); // replayed
    const failed = await step(tensor(new Int32Array([0, 7])));
    await expect(failed.item()).rejects.toThrow(/program #\d+, step \d+ \(gather[^)]*\): .*7/);
    expect(await (await step(tensor(new Int32Array([1, 2])))).item()).toBe(5);
  });
});

describe('a dying engine worker', () => {
  it('that is terminated is replaced, and the next call succeeds', async () => {
    const backend = await start();
    expect(await tensor([1, 2]).mul(2).data()).toEqual(new Float32Array([2, 4]));
    const [engine] = await backend.pool.workers();
    await engine.terminate();
    expect(await tensor([3, 4]).mul(2).data()).toEqual(new Float32Array([6, 8]));
    const [replacement] = await backend.pool.workers();
    expect(replacement).not.toBe(engine);
  });

  it('that throws mid-program rejects the run naming the program and the op in flight', async () => {
    const backend = await start();
    const a = randn([4, 4]);
    const b = a.matmul(a);
    await arm(backend, { kind: 'uncaught', atLabel: labelOf(b) });
    await expect(b.data()).rejects.toThrow(new RegExp(`program #\\d+ at step \\d+ \\(${labelOf(b)}\\).*injected fault`));
    expect(await tensor([1]).add(1).item()).toBe(2);
  });

  it('that exits mid-program is replaced, and later programs run', async () => {
    const backend = await start();
    const y = tensor([1, 2, 3]).exp();
    await arm(backend, { kind: 'exit', atLabel: labelOf(y) });
    await expect(y.data()).rejects.toThrow(labelOf(y));
    expect(await tensor([5]).neg().item()).toBe(-5);
  });

  it('loses the tensors it held: reading one reports "lost", never garbage', async () => {
    const backend = await start();
    const kept = tensor([1, 2, 3]).mul(10);
    expect(await kept.data()).toEqual(new Float32Array([10, 20, 30]));
    const [engine] = await backend.pool.workers();
    await engine.terminate();
    await expect(kept.data()).rejects.toThrow(/was lost .*engine worker failed/);
    await expect(kept.add(1).data()).rejects.toThrow(/lost/);
    expect(await tensor([1, 2, 3]).mul(10).data()).toEqual(new Float32Array([10, 20, 30]));
  });
});

describe('timeouts', () => {
  it('a call unanswered within the call timeout rejects naming the op, and the pool recovers', async () => {
    const backend = await start({ callTimeoutMs: 1_000 });
    const y = tensor([1, 2]).sqrt();
    await arm(backend, { kind: 'hang', atLabel: labelOf(y) });
    await expect(y.data()).rejects.toThrow(new RegExp(`\\(${labelOf(y)}\\).*did not answer within 1000 ms`));
    expect(await tensor([4]).sqrt().item()).toBe(2);
  });
});
