import { CpuBackend } from '@loom/backend-cpu';
import { registerBackend, relu, setBackend, tensor, type Tensor } from '@loom/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolBackend } from '../pool/pool-backend.js';
import { WorkerPool } from '../pool/worker-pool.js';

let pool: WorkerPool;
let backend: PoolBackend;

beforeAll(async () => {
  pool = await WorkerPool.start({ threads: 2, splitMinFlops: 1, wasm: false });
  backend = new PoolBackend(pool, 'pool-split');
  registerBackend('pool-split', () => backend);
  registerBackend('cpu-split-reference', () => new CpuBackend({ wasm: false }));
});

afterAll(async () => {
  await pool?.terminate();
});

function values(shape: number[], seed: number): Float32Array {
  let s = seed;
  const length = shape.reduce((p, d) => p * d, 1);
  return Float32Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

/** `f` on seeded inputs of `shapes`, computed on the named backend. */
async function evaluate(backendName: string, shapes: number[][], f: (...xs: Tensor[]) => Tensor): Promise<Float32Array> {
  await setBackend(backendName);
  const xs = shapes.map((shape, i) => tensor(values(shape, i + 1), { shape }));
  const data = await f(...xs).data();
  if (!(data instanceof Float32Array)) throw new Error('expected float32 values');
  return data;
}

describe('split launches', () => {
  it('a matmul with a fused bias and relu gives the in-process values and is split', async () => {
    const shapes = [[33, 20], [20, 17], [17]];
    const f = (x: Tensor, w: Tensor, b: Tensor) => relu(x.matmul(w).add(b));
    const want = await evaluate('cpu-split-reference', shapes, f);
    expect(await evaluate('pool-split', shapes, f)).toEqual(want);
    expect(backend.lastReport?.splitLaunches).toBe(1);
  });

  it('a conv2d gives the in-process values and is split', async () => {
    const shapes = [[3, 2, 9, 9], [4, 2, 3, 3]];
    const f = (x: Tensor, w: Tensor) => x.conv2d(w, { padding: 1 });
    const want = await evaluate('cpu-split-reference', shapes, f);
    expect(await evaluate('pool-split', shapes, f)).toEqual(want);
    expect(backend.lastReport?.splitLaunches).toBe(1);
  });

  it('a helper that dies mid-block leaves the result right: the engine computes its block', async () => {
    const shapes = [[40, 30], [30, 20]];
    const want = await evaluate('cpu-split-reference', shapes, (x, w) => x.matmul(w));
    const got = await evaluate('pool-split', shapes, (x, w) => {
      const y = x.matmul(w);
      void pool.call({ kind: 'control', what: 'arm' }, (engine) =>
        engine.armFault({ kind: 'helper-exit', atLabel: `matmul #${y.id}` }),
      );
      return y;
    });
    expect(got).toEqual(want);
    expect(backend.lastReport?.splitLaunches).toBe(1);
  });
});
