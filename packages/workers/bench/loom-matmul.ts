import { cpuKernels } from '@loom/backend-cpu';
import type { AnyLaunch } from '@loom/graph';
import { PoolBackend, WorkerPool, type PoolOptions } from '@loom/workers';
import { medianMs } from './timing.js';

export function randomArray(length: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

/** One n×n matmul launch on buffers 1 and 2 into buffer 3. */
export function matmulLaunch(n: number): AnyLaunch {
  const ref = (id: number) => ({ id, shape: [n, n], dtype: 'float32' as const });
  return { kind: 'launch', op: 'matmul', attrs: {}, inputs: [ref(1), ref(2)], output: ref(3), label: `matmul ${n}` };
}

/** ms for an n×n matmul with the CPU kernel called in this thread. */
export async function inProcessMatmulMs(n: number): Promise<number> {
  const a = randomArray(n * n, 1);
  const b = randomArray(n * n, 2);
  const out = new Float32Array(n * n);
  const f32 = (data: Float32Array) => ({ data, shape: [n, n], dtype: 'float32' as const });
  return medianMs(() => cpuKernels.matmul([f32(a), f32(b)], f32(out), {}), { minRuns: 3, warmup: 1 });
}

/** A pool holding two n×n operands; `time(n)` measures one matmul program (one round trip). */
export async function poolMatmul(options: PoolOptions): Promise<{ time(n: number): Promise<number>; close(): Promise<void> }> {
  const pool = await WorkerPool.start(options);
  const backend = new PoolBackend(pool);
  let written = 0;
  return {
    async time(n: number): Promise<number> {
      if (written !== n) {
        if (written) for (const id of [1, 2]) backend.free(id);
        backend.write(1, 'float32', randomArray(n * n, 1));
        backend.write(2, 'float32', randomArray(n * n, 2));
        written = n;
      }
      const program = { steps: [matmulLaunch(n), { kind: 'free' as const, id: 3 }] };
      return medianMs(() => backend.run(program), { minRuns: n >= 512 ? 3 : 7, warmup: 1 });
    },
    close: () => pool.terminate(),
  };
}
