import { CpuBackend } from '@loom/backend-cpu';
import type { AnyLaunch } from '@loom/graph';
import { PoolBackend, WorkerPool, type PoolOptions } from '@loom/workers';
import { medianMs, medianWallCpu } from './timing.js';

export function randomArray(length: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

/** One n×n matmul launch on buffers 1 and 2 into buffer 3. */
export function matmulLaunch(n: number): AnyLaunch {
  const ref = (id: number) => ({ id, shape: [n, n], dtype: 'float32' as const });
  return { kind: 'launch', op: 'matmul', attrs: {}, inputs: [ref(1), ref(2)], output: ref(3), label: `matmul ${n}` };
}

/** Wall and CPU ms for an n×n matmul on a CpuBackend in this thread (its WASM SIMD kernel, no helpers). */
export async function inProcessMatmulMs(n: number): Promise<{ ms: number; cpuMs: number }> {
  const backend = new CpuBackend();
  backend.write(1, 'float32', randomArray(n * n, 1));
  backend.write(2, 'float32', randomArray(n * n, 2));
  const program = { steps: [matmulLaunch(n), { kind: 'free' as const, id: 3 }] };
  return medianWallCpu(() => backend.run(program), { minRuns: 5, warmup: 1 });
}

/** A pool holding two n×n operands; `time(n)` measures one matmul program (one round trip). */
export async function poolMatmul(options: PoolOptions): Promise<{ time(n: number): Promise<number>; timeWithCpu(n: number): Promise<{ ms: number; cpuMs: number }>; close(): Promise<void> }> {
  const pool = await WorkerPool.start(options);
  const backend = new PoolBackend(pool);
  let written = 0;
  const program = (n: number) => {
    if (written !== n) {
      if (written) for (const id of [1, 2]) backend.free(id);
      backend.write(1, 'float32', randomArray(n * n, 1));
      backend.write(2, 'float32', randomArray(n * n, 2));
      written = n;
    }
    return { steps: [matmulLaunch(n), { kind: 'free' as const, id: 3 }] };
  };
  return {
    async time(n: number): Promise<number> {
      const steps = program(n);
      return medianMs(() => backend.run(steps), { minRuns: n >= 512 ? 3 : 7, warmup: 1 });
    },
    async timeWithCpu(n: number): Promise<{ ms: number; cpuMs: number }> {
      const steps = program(n);
      return medianWallCpu(() => backend.run(steps), { minRuns: n >= 512 ? 5 : 7, warmup: 1 });
    },
    close: () => pool.terminate(),
  };
}
