import type { Benchmark } from './report-types.js';

export type BenchmarkId = 'matmul' | 'conv2d' | 'chain' | 'training' | 'round-trip';

/** Figures of one run, by the benchmark they belong to; each source fills the ones it measured. */
export type FigureSet = Partial<Record<BenchmarkId, Benchmark['figures']>>;

/** The report's tables in order, without figures. */
export const benchmarkCatalog: readonly (Omit<Benchmark, 'figures' | 'id'> & { id: BenchmarkId })[] = [
  {
    id: 'matmul',
    title: 'matmul N×N, float32 (GFLOP/s)',
    unit: 'GFLOP/s',
    higherIsBetter: true,
    note:
      'N = 128…1024 from the kernel suite (one thread, per CPU-second); N = 1024 through the worker pool from ' +
      "@loom/workers' benchmark (wall clock, one matmul program per run); WebGPU in Chromium (wall clock, " +
      'the result read back each run).',
  },
  {
    id: 'conv2d',
    title: 'conv2d, NCHW float32, batch 64 (GFLOP/s)',
    unit: 'GFLOP/s',
    higherIsBetter: true,
    note: '"forward" is the convolution; "training" is forward + input gradient + filter gradient, per CPU-second.',
  },
  {
    id: 'chain',
    title: '8-op fused elementwise chain sqrt(|exp(tanh(1.5x + 0.5)·x) − 1|)·3 (M elements/s)',
    unit: 'M elem/s',
    higherIsBetter: true,
  },
  {
    id: 'training',
    title: 'Training throughput, SGD, batch 64 (samples/s)',
    unit: 'samples/s',
    higherIsBetter: true,
    note:
      'MLP 784-128-64-10 and the textbook CNN (conv 32 → pool → conv 64 → pool → dense 10), one compiled step per ' +
      'batch, the loss read back every step; wall clock.',
  },
  {
    id: 'round-trip',
    title: 'Round trips main thread ↔ worker (µs, lower is better)',
    unit: 'µs',
    higherIsBetter: false,
    note: 'What one call to the engine worker costs, beside the raw thread primitives it is built on; wall clock.',
  },
];
