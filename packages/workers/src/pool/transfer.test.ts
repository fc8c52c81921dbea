import { transfer } from 'comlink';
import type { TypedArray } from '@loom/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolBackend } from './pool-backend.js';
import { WorkerPool } from './worker-pool.js';

let pool: WorkerPool;

beforeAll(async () => {
  pool = await WorkerPool.start({ threads: 1 });
});

afterAll(async () => {
  await pool?.terminate();
});

describe('moving arrays to the engine', () => {
  it('transfers a written array: the sender is left with a detached buffer', async () => {
    const data = new Float32Array([1, 2, 3, 4]);
    const buffer = data.buffer;
    await pool.call({ kind: 'submit' }, (engine) =>
      engine.submit(transfer([{ kind: 'write', id: 1, dtype: 'float32', data }], [buffer])),
    );
    expect(buffer.byteLength).toBe(0);
    expect(data.length).toBe(0);
    const back = await pool.call<TypedArray>({ kind: 'read', id: 1 }, (engine) => engine.read({ commands: [], id: 1 }));
    expect(back).toEqual(new Float32Array([1, 2, 3, 4]));
  });

  it('PoolBackend.write transfers a copy, so the caller keeps its own array intact', async () => {
    const backend = new PoolBackend(pool);
    const data = new Int32Array([5, 6, 7]);
    backend.write(2, 'int32', data);
    expect(await backend.read(2)).toEqual(new Int32Array([5, 6, 7]));
    expect(data).toEqual(new Int32Array([5, 6, 7]));
  });

  it('PoolBackend sends queued writes with the read that needs them, in one call', async () => {
    const backend = new PoolBackend(pool);
    backend.write(3, 'bool', new Uint8Array([1, 0, 1]));
    backend.write(4, 'float32', new Float32Array([9]));
    backend.free(4);
    expect(await backend.read(3)).toEqual(new Uint8Array([1, 0, 1]));
    await expect(backend.read(4)).rejects.toThrow(/buffer 4 does not exist/);
  });
});
