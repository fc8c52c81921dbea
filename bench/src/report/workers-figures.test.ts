import { describe, expect, it } from 'vitest';
import { workersFigures, type WorkersResults } from './workers-figures.js';

const results: WorkersResults = {
  roundTrips: [
    { what: 'Comlink call (empty method)', us: 70 },
    { what: 'empty program through PoolBackend.run', us: 90 },
  ],
  matmul1024: [
    { name: 'Loom in-process (CPU kernel on this thread)', ms: 3000, gflops: 0.7 },
    { name: 'Loom pool, 1 worker', ms: 100, gflops: 21.5 },
    { name: 'Loom pool, 2 workers (split by rows)', ms: 50, gflops: 43 },
    { name: 'jax-js wasm (1 thread in Node)', ms: 130, gflops: 16.5 },
  ],
  mlp: {
    batches: [64],
    rows: [
      { name: 'Loom pool, 1 worker (compiled step)', samplesPerSecond: { '64': 6400 } },
      { name: 'tfjs cpu', samplesPerSecond: { '64': 1000 } },
    ],
  },
  parallelCapacity: [1.9, 1.8],
};

describe('workersFigures', () => {
  it('labels pool rows by worker count and peers by library', () => {
    expect(workersFigures(results).matmul?.map((f) => [f.engine, f.peer])).toEqual([
      ['Loom CPU in-process (1 thread, JS reference kernel)', undefined],
      ['Loom CPU pool, 1 worker', undefined],
      ['Loom CPU pool, 2 workers', undefined],
      ['jax-js wasm (1 thread in Node)', 'jax-js'],
    ]);
  });

  it('turns the pool MLP samples/s into the µs of one compiled step', () => {
    const step = workersFigures(results)['round-trip']?.find((f) => f.case.startsWith('compiled MLP'));
    expect(step?.value).toBe(10_000);
  });

  it('adds only the 1-worker MLP row to the training table', () => {
    expect(workersFigures(results).training?.map((f) => [f.engine, f.value])).toEqual([['Loom CPU pool, 1 worker', 6400]]);
  });
});
