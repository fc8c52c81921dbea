import { loadavg } from 'node:os';
import { useTfjs } from './peers.js';
import { inProcessMatmulMs, poolMatmul, randomArray } from './loom-matmul.js';
import { medianMs, table } from './timing.js';

const gflops = (n: number, ms: number): number => (2 * n ** 3) / (ms * 1e6);

/** matmul 1024: Loom on 1 and 2 workers, in-process, and the peers, in GFLOP/s. */
/** One implementation's matmul 1024 time, for the JSON report. */
export interface MatmulRow {
  name: string;
  ms: number;
  gflops: number;
  /** CPU ms per matmul, every thread of this process counted (Loom's workers are threads of it). */
  cpuMs?: number;
}

export async function matmul1024(): Promise<{ markdown: string; speedup: number; rows: MatmulRow[] }> {
  const n = 1024;
  const rows: string[][] = [];
  const measured: MatmulRow[] = [];
  const add = (name: string, ms: number, cpuMs?: number) => {
    const perCpu = cpuMs === undefined ? '' : ((2 * n ** 3) / (cpuMs * 1e6)).toFixed(2);
    rows.push([name, ms.toFixed(1), gflops(n, ms).toFixed(2), cpuMs === undefined ? '' : cpuMs.toFixed(1), perCpu]);
    measured.push({ name, ms, gflops: gflops(n, ms), cpuMs });
  };

  const here = await inProcessMatmulMs(n);
  add('Loom in-process (CpuBackend WASM kernel on this thread)', here.ms, here.cpuMs);
  // 1 and 2 threads alternate three times (medians), so changing load hits both alike.
  const one = await poolMatmul({ threads: 1 });
  const two = await poolMatmul({ threads: 2 });
  const runs: { ms: number; cpuMs: number }[][] = [[], []];
  for (let round = 0; round < 3; round++) {
    runs[0].push(await one.timeWithCpu(n));
    runs[1].push(await two.timeWithCpu(n));
  }
  await one.close();
  await two.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const [oneMs, twoMs] = runs.map((r) => median(r.map((x) => x.ms)));
  const [oneCpu, twoCpu] = runs.map((r) => median(r.map((x) => x.cpuMs)));
  add('Loom pool, 1 worker', oneMs, oneCpu);
  add('Loom pool, 2 workers (engine + 1 heap helper thread, split by rows)', twoMs, twoCpu);

  const tf = await useTfjs('wasm');
  const a = tf.tensor2d(randomArray(n * n, 1), [n, n]);
  const b = tf.tensor2d(randomArray(n * n, 2), [n, n]);
  add('tfjs wasm (1 thread in Node)', await medianMs(async () => {
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
  }, { minRuns: 5 }));
  a.dispose();
  b.dispose();

  const jax = await import('@jax-js/jax');
  await jax.init('wasm');
  const x = jax.numpy.array(randomArray(n * n, 1)).reshape([n, n]);
  const y = jax.numpy.array(randomArray(n * n, 2)).reshape([n, n]);
  add('jax-js wasm (1 thread in Node)', await medianMs(async () => {
    await jax.numpy.matmul(x.ref, y.ref).data();
  }, { minRuns: 5 }));

  const speedup = oneMs / twoMs;
  const markdown = table(`matmul ${n}×${n} (float32)`, ['implementation', 'ms', 'GFLOP/s', 'CPU ms', 'GFLOP per CPU-s'], rows) +
    `\n2 workers vs 1 worker: ${speedup.toFixed(2)}× wall clock; CPU per matmul ${(twoCpu / oneCpu).toFixed(2)}× (the split's overhead), ` +
    `so with two free cores ≈ ${((2 * oneCpu) / twoCpu).toFixed(2)}× (load average ${loadavg()[0].toFixed(1)})\n`;
  return { markdown, speedup, rows: measured };
}

/**
 * Where splitting starts to pay: n×n matmuls on a 2-thread pool with splitting forced on and off.
 * Both run through the same engine; only the split differs.
 */
export async function splitThreshold(sizes: readonly number[]): Promise<string> {
  const split = await poolMatmul({ threads: 2, splitMinFlops: 1, helperBackOff: false });
  const whole = await poolMatmul({ threads: 2, splitMinFlops: Number.POSITIVE_INFINITY });
  const rows: string[][] = [];
  for (const n of sizes) {
    const wholeMs = await whole.time(n);
    const splitMs = await split.time(n);
    rows.push([`${n}`, (2 * n ** 3 / 1e6).toFixed(2), (wholeMs * 1000).toFixed(0), (splitMs * 1000).toFixed(0), (wholeMs / splitMs).toFixed(2)]);
  }
  await split.close();
  await whole.close();
  return table('Split threshold: n×n matmul through a 2-thread pool (one program per run)', ['n', 'MFLOP', 'one thread µs', 'split µs', 'speed-up'], rows);
}
