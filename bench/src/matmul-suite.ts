import type { MatmulEngine } from './engines/engine.js';
import { seededFloats } from './seeded.js';
import { timeWithin } from './time-within.js';

export interface MatmulResult {
  engine: string;
  n: number;
  medianMs: number;
  cpuMs: number;
  bestCpuMs: number;
  runs: number;
  /** Throughput per CPU-second of the process in the fastest run (see Timing.bestCpuMs). */
  gflops: number;
  /** Throughput per wall-clock second. */
  wallGflops: number;
  /** Largest error at the sampled entries, relative to Σ|a·b| of that entry; ≈1e-7 is float32. */
  maxError: number;
}

export const matmulSizes = [128, 256, 512, 1024] as const;

/** The sampled entries' exact (float64) values and error scales, to check each engine's output. */
function samples(n: number, a: Float32Array, b: Float32Array) {
  return Array.from({ length: 16 }, (_, s) => {
    const i = (s * 7919) % n;
    const j = (s * 104729 + 13) % n;
    let value = 0;
    let scale = 0;
    for (let p = 0; p < n; p++) {
      value += a[i * n + p] * b[p * n + j];
      scale += Math.abs(a[i * n + p] * b[p * n + j]);
    }
    return { index: i * n + j, value, scale };
  });
}

/** N×N float32 matmul on every engine at every size: 2N³ flops per run. */
export async function runMatmulSuite(
  engines: readonly MatmulEngine[],
  sizes: readonly number[] = matmulSizes,
  budgetMs = 500,
): Promise<MatmulResult[]> {
  const results: MatmulResult[] = [];
  for (const n of sizes) {
    const a = seededFloats(n * n, n);
    const b = seededFloats(n * n, n + 1);
    const expected = samples(n, a, b);
    for (const engine of engines) {
      const prepared = await engine.prepare(n, a, b);
      const timing = await timeWithin(() => prepared.run(), budgetMs);
      const c = await prepared.read();
      const maxError = Math.max(...expected.map((e) => Math.abs(c[e.index] - e.value) / e.scale));
      prepared.dispose();
      results.push({
        engine: engine.name,
        n,
        ...timing,
        gflops: (2 * n ** 3) / timing.bestCpuMs / 1e6,
        wallGflops: (2 * n ** 3) / timing.medianMs / 1e6,
        maxError: Number.isNaN(maxError) ? Infinity : maxError,
      });
    }
  }
  return results;
}
